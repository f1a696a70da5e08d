import DockerEngine
import DockerFormats
import FoundationEssentials
import LinearRegex
import LuaBridge

/// Argument readers for the `docker` and `units` modules: each names the
/// function, the position and the accepted forms when the value is wrong.
extension LuaCall {
  /// A size: bytes as a number, or a string such as `"500MB"`, `"1.5GB"`, `"2GiB"`.
  func size(_ index: Int32) throws -> Int64 {
    switch value(index) {
    case .integer(let i) where i >= 0: return i
    case .number(let d) where d >= 0 && d.isFinite: return Int64(d)
    case .bytes:
      let text = try string(index)
      do {
        return try ByteSize.parse(text)
      } catch {
        throw LuaArgumentError(
          position: index,
          reason: "size expected, got \"\(text)\"; use bytes or a number with a unit: 500MB, 1.5GB, 2GiB, 750kB")
      }
    case .integer, .number:
      throw LuaArgumentError(position: index, reason: "size expected, got a negative number")
    default:
      throw typeError(index, expected: "size")
    }
  }

  /// A point in time: the engine's `until` forms (`2020-07-07T00:00:00`, RFC3339, unix seconds,
  /// Go durations meaning "that long ago") plus `7d` and `2w`; or unix seconds as a number.
  func time(_ index: Int32, now: Date = Date()) throws -> Date {
    switch value(index) {
    case .integer(let i): return Date(timeIntervalSince1970: TimeInterval(i))
    case .number(let d): return Date(timeIntervalSince1970: d)
    case .bytes:
      let text = try string(index)
      do {
        return try TimeValue.parse(text, now: now)
      } catch {
        throw LuaArgumentError(
          position: index,
          reason:
            "time expected, got \"\(text)\"; use a duration (168h, 90m, 7d, 2w), a date (2020-07-07, 2020-07-07T00:00:00), RFC3339 or unix seconds"
        )
      }
    default:
      throw typeError(index, expected: "time")
    }
  }

  /// An age: a duration such as `"168h"`, `"7d"`, `"2w"`, or seconds as a number. Returns the cutoff date (now − age).
  func age(_ index: Int32, now: Date = Date()) throws -> Date {
    switch value(index) {
    case .integer(let i) where i >= 0: return now.addingTimeInterval(-TimeInterval(i))
    case .number(let d) where d >= 0: return now.addingTimeInterval(-d)
    case .bytes:
      let text = try string(index)
      if let date = try? TimeValue.parse(text, now: now), text.contains(where: { $0.isLetter }),
        !text.contains("-"), !text.contains(":")
      {
        return date
      }
      throw LuaArgumentError(
        position: index, reason: "age expected, got \"\(text)\"; use a duration: 168h, 90m, 1h30m, 7d, 2w")
    default:
      throw typeError(index, expected: "age")
    }
  }

  /// A regular expression, compiled; an invalid one names the pattern and the problem.
  func regex(_ index: Int32) throws -> RegularExpression {
    let pattern = try string(index)
    return try Self.compile(pattern, position: index)
  }

  static func compile(_ pattern: String, position: Int32) throws -> RegularExpression {
    do {
      return try RegularExpression(pattern)
    } catch {
      throw LuaArgumentError(position: position, reason: "invalid regular expression \"\(pattern)\": \(error)")
    }
  }
}

extension LuaTable {
  /// The boolean option `key`, or `defaultValue` when absent; other types are an error at `position`.
  func bool(_ key: String, default defaultValue: Bool, position: Int32) throws -> Bool {
    switch fields[key] {
    case nil, .some(.nil): return defaultValue
    case .some(.boolean(let b)): return b
    case .some(let other):
      throw LuaArgumentError(position: position, reason: "option '\(key)' must be a boolean, got \(other.typeName)")
    }
  }

  /// The string option `key`, or nil when absent.
  func string(_ key: String, position: Int32) throws -> String? {
    switch fields[key] {
    case nil, .some(.nil): return nil
    case .some(.bytes(let b)): return String(decoding: b, as: UTF8.self)
    case .some(.integer(let i)): return String(i)
    case .some(let other):
      throw LuaArgumentError(position: position, reason: "option '\(key)' must be a string, got \(other.typeName)")
    }
  }

  /// The option `key` as a list of strings (a string or an array of strings).
  func strings(_ key: String, position: Int32) throws -> [String] {
    switch fields[key] {
    case nil, .some(.nil): return []
    case .some(.bytes(let b)): return [String(decoding: b, as: UTF8.self)]
    case .some(.table(let t)):
      return try t.array.map {
        guard let s = $0.stringValue else {
          throw LuaArgumentError(position: position, reason: "option '\(key)' must hold strings")
        }
        return s
      }
    case .some(let other):
      throw LuaArgumentError(
        position: position, reason: "option '\(key)' must be a string or a list of strings, got \(other.typeName)")
    }
  }

  /// The integer option `key`, or nil when absent.
  func integer(_ key: String, position: Int32) throws -> Int64? {
    switch fields[key] {
    case nil, .some(.nil): return nil
    case .some(.integer(let i)): return i
    case .some(.number(let d)) where d == d.rounded(): return Int64(d)
    case .some(let other):
      throw LuaArgumentError(position: position, reason: "option '\(key)' must be an integer, got \(other.typeName)")
    }
  }
}
