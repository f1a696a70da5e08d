/// Any JSON value, as the engine sent it; used for inspect results and fields without a typed model.
///
/// Whole numbers decode as `.integer`, others as `.double`.
public enum JSONValue: Sendable, Equatable, Hashable, Codable {
  case null
  case bool(Bool)
  case integer(Int64)
  case double(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Int64.self) {
      self = .integer(value)
    } else if let value = try? container.decode(Double.self) {
      self = .double(value)
    } else if let value = try? container.decode(String.self) {
      self = .string(value)
    } else if let value = try? container.decode([JSONValue].self) {
      self = .array(value)
    } else {
      self = .object(try container.decode([String: JSONValue].self))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .null: try container.encodeNil()
    case .bool(let value): try container.encode(value)
    case .integer(let value): try container.encode(value)
    case .double(let value): try container.encode(value)
    case .string(let value): try container.encode(value)
    case .array(let value): try container.encode(value)
    case .object(let value): try container.encode(value)
    }
  }

  /// The member `key` of an object; nil for a missing key or a value that is not an object.
  public subscript(key: String) -> JSONValue? {
    if case .object(let members) = self { return members[key] }
    return nil
  }

  /// The string, or nil for any other value.
  public var stringValue: String? {
    if case .string(let value) = self { return value }
    return nil
  }

  /// The number as an integer (a double is truncated), or nil for any other value.
  public var int64Value: Int64? {
    switch self {
    case .integer(let value): return value
    case .double(let value) where value.isFinite && abs(value) < 9.2e18: return Int64(value)
    default: return nil
    }
  }

  /// The boolean, or nil for any other value.
  public var boolValue: Bool? {
    if case .bool(let value) = self { return value }
    return nil
  }

  /// The array's elements, or nil for any other value.
  public var arrayValue: [JSONValue]? {
    if case .array(let value) = self { return value }
    return nil
  }

  /// The object's members, or nil for any other value.
  public var objectValue: [String: JSONValue]? {
    if case .object(let value) = self { return value }
    return nil
  }

  /// The array's string elements (others skipped); empty for null or any non-array.
  var stringArray: [String] {
    arrayValue?.compactMap(\.stringValue) ?? []
  }

  /// The object's string members (others skipped); empty for null or any non-object.
  var stringDictionary: [String: String] {
    objectValue?.compactMapValues(\.stringValue) ?? [:]
  }
}
