import DockerEngine
import DockerFormats
import FoundationEssentials
import Glibc
import LuaBridge

/// A JSON value with its object members in a chosen order, written as compact JSON text: what
/// `json.encode`, `list:json()`, `report:json()` and `--format json` print.
indirect enum JSONDocument {
  case null
  case bool(Bool)
  case integer(Int64)
  case number(Double)
  case string(String)
  case array([JSONDocument])
  case object([(String, JSONDocument)])

  /// Compact JSON text.
  var text: String {
    var out = ""
    write(to: &out)
    return out
  }

  private func write(to out: inout String) {
    switch self {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .integer(let i): out += String(i)
    case .number(let d): out += d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : "\(d)"
    case .string(let s): out += s.jsonQuoted
    case .array(let items):
      out += "["
      for (i, item) in items.enumerated() {
        if i > 0 { out += "," }
        item.write(to: &out)
      }
      out += "]"
    case .object(let members):
      out += "{"
      for (i, (key, value)) in members.enumerated() {
        if i > 0 { out += "," }
        out += key.jsonQuoted
        out += ":"
        value.write(to: &out)
      }
      out += "}"
    }
  }

  /// A Lua value as JSON: docksweep objects by their declared fields, lists as arrays of their elements,
  /// tables with only keys 1...n as arrays (an empty table is `[]`), other tables as objects with string
  /// keys.
  /// - Throws: for functions, numbers that are not finite, and keys that are neither strings nor numbers.
  static func from(_ value: LuaValue, depth: Int = 0) throws -> JSONDocument {
    guard depth < 100 else { throw LuaRuntimeError("cannot encode to JSON: nested too deep (or a cycle)") }
    switch value {
    case .nil: return .null
    case .boolean(let b): return .bool(b)
    case .integer(let i): return .integer(i)
    case .number(let d):
      guard d.isFinite else { throw LuaRuntimeError("cannot encode \(d) to JSON") }
      return .number(d)
    case .bytes(let b): return .string(String(decoding: b, as: UTF8.self))
    case .object(let object):
      guard let encodable = object as? any JSONEncodable else {
        throw LuaRuntimeError("cannot encode a \(type(of: object).luaTypeName) to JSON")
      }
      return try encodable.jsonDocument()
    case .table(let t):
      if t.fields.isEmpty && t.otherPairs.isEmpty {
        return .array(try t.array.map { try from($0, depth: depth + 1) })
      }
      var members: [(String, JSONDocument)] = []
      for (i, v) in t.array.enumerated() { members.append((String(i + 1), try from(v, depth: depth + 1))) }
      for key in t.fields.keys.sorted() { members.append((key, try from(t.fields[key]!, depth: depth + 1))) }
      for (k, v) in t.otherPairs {
        switch k {
        case .integer(let i): members.append((String(i), try from(v, depth: depth + 1)))
        case .number(let d): members.append(("\(d)", try from(v, depth: depth + 1)))
        default: throw LuaRuntimeError("cannot encode a table key of type \(k.typeName) to JSON")
        }
      }
      return .object(members)
    default:
      throw LuaRuntimeError("cannot encode a \(value.typeName) to JSON")
    }
  }

  /// Parsed JSON as a Lua value: objects and arrays as tables, `null` as nil.
  static func lua(_ value: JSONValue) -> LuaValue {
    switch value {
    case .null: return .nil
    case .bool(let b): return .boolean(b)
    case .integer(let i): return .integer(i)
    case .double(let d): return .number(d)
    case .string(let s): return .string(s)
    case .array(let items): return .table(LuaTable(array: items.map(lua)))
    case .object(let members): return .table(LuaTable(fields: members.mapValues(lua)))
    }
  }

  /// A time as docksweep's JSON gives it: RFC 3339 in UTC.
  static func rfc3339(_ unixSeconds: Int64) -> String {
    var time = time_t(unixSeconds)
    var parts = tm()
    gmtime_r(&time, &parts)
    var buffer = [CChar](repeating: 0, count: 32)
    let n = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%SZ", &parts)
    return String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}

/// A docksweep object that has a JSON form.
protocol JSONEncodable {
  func jsonDocument() throws -> JSONDocument
}

extension LuaClass {
  /// The object's JSON form: its declared fields.
  func jsonDocument() throws -> JSONDocument { try fieldsDocument() }

  /// The object's declared fields, in order, as a JSON object (nil fields as `null`; an empty table
  /// declared as a map as `{}`).
  func fieldsDocument() throws -> JSONDocument {
    .object(
      try Self.fields.map { f in
        let value = try f.get(self)
        if f.type.hasPrefix("table<"), case .table(let t) = value, t.array.isEmpty, t.fields.isEmpty {
          return (f.name, .object([]))
        }
        return (f.name, try JSONDocument.from(value))
      })
  }
}

extension ObjectList {
  /// The list as an array of its elements.
  func jsonDocument() throws -> JSONDocument {
    .array(try items.map { try JSONDocument.from(object(for: $0)) })
  }
}
