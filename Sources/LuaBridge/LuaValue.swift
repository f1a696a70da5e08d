/// A Lua value copied into Swift, or a Swift value to push into Lua.
///
/// Strings are bytes: Lua strings may hold any bytes, embedded zeros included.
/// ```swift
/// let v: LuaValue = .string("postgres:13")
/// v.stringValue  // "postgres:13"
/// ```
public enum LuaValue {
  case `nil`
  case boolean(Bool)
  case integer(Int64)
  case number(Double)
  case bytes([UInt8])
  case table(LuaTable)
  /// A Swift object carried by a userdata of a registered ``LuaObjectType``.
  case object(any LuaObject)
  /// A Swift closure, pushed as a Lua function.
  case function(LuaSwiftFunction)
  /// A value Swift cannot copy (a Lua function, coroutine or foreign userdata), by its type name.
  case opaque(String)

  /// A Lua string holding the UTF-8 bytes of `text`.
  public static func string(_ text: String) -> LuaValue { .bytes(Array(text.utf8)) }

  /// The string, decoded as UTF-8 (invalid bytes repaired), when this is a string.
  public var stringValue: String? {
    if case .bytes(let b) = self { return String(decoding: b, as: UTF8.self) }
    return nil
  }

  /// The number as a Double, for integers and floats.
  public var doubleValue: Double? {
    switch self {
    case .integer(let i): return Double(i)
    case .number(let d): return d
    default: return nil
    }
  }

  /// The Lua type name (`"nil"`, `"boolean"`, `"number"`, `"string"`, `"table"`, `"userdata"`, `"function"`, ...).
  public var typeName: String {
    switch self {
    case .nil: return "nil"
    case .boolean: return "boolean"
    case .integer, .number: return "number"
    case .bytes: return "string"
    case .table: return "table"
    case .object: return "userdata"
    case .function: return "function"
    case .opaque(let name): return name
    }
  }

  /// True for every value but `nil` and `false`, as Lua decides truth.
  public var isTruthy: Bool {
    switch self {
    case .nil, .boolean(false): return false
    default: return true
    }
  }
}

extension LuaValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
  ExpressibleByFloatLiteral, ExpressibleByNilLiteral
{
  public init(stringLiteral value: String) { self = .string(value) }
  public init(integerLiteral value: Int64) { self = .integer(value) }
  public init(booleanLiteral value: Bool) { self = .boolean(value) }
  public init(floatLiteral value: Double) { self = .number(value) }
  public init(nilLiteral: ()) { self = .nil }
}
