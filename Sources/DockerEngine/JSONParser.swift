/// A strict JSON reader from UTF-8 bytes to ``JSONValue``, for the engine's large list answers
/// (`GET /images/json` with thousands of tags), where `JSONDecoder` costs several times more.
///
/// Accepts exactly RFC 8259 JSON texts (surrounding white space allowed); whole numbers that fit `Int64`
/// become `.integer`, other numbers `.double`; invalid UTF-8 in strings is repaired with U+FFFD.
/// Nesting deeper than ``maxDepth`` is an error.
enum JSONParser {
  /// Deepest nesting of arrays and objects accepted.
  static let maxDepth = 512

  /// Why a text is not JSON (with the byte offset where it went wrong), or why a value is not the one expected.
  struct Failure: Error, CustomStringConvertible, Sendable {
    let reason: String
    let offset: Int?

    var description: String {
      guard let offset else { return reason }
      return "invalid JSON at byte \(offset): \(reason)"
    }

    /// A well-formed value of the wrong kind: `member` is not `expected` ("a string", "an array", ...).
    static func mismatch(_ member: String, expected: String) -> Failure {
      Failure(reason: "\(member) is not \(expected)", offset: nil)
    }
  }

  /// The value `bytes` hold.
  static func parse(_ bytes: UnsafeRawBufferPointer) throws -> JSONValue {
    try whole(bytes) { try $0.value() }
  }

  /// The elements of the array `bytes` hold, each read by `element` straight from the text (no
  /// ``JSONValue`` in between); `element` reads exactly one value. A text that is not an array is a
  /// mismatch of `what`.
  static func array<T>(_ bytes: UnsafeRawBufferPointer, of what: String, _ element: (inout Reader) throws -> T)
    throws -> [T]
  {
    try whole(bytes) { reader in
      guard reader.current == UInt8(ascii: "[") else { throw Failure.mismatch(what, expected: "an array") }
      var result: [T] = []
      try reader.elements { result.append(try element(&$0)) }
      return result
    }
  }

  /// What `read` makes of the one value `bytes` hold, white space allowed around it.
  private static func whole<T>(_ bytes: UnsafeRawBufferPointer, _ read: (inout Reader) throws -> T) throws -> T {
    var reader = Reader(bytes: bytes)
    reader.skipSpace()
    let value = try read(&reader)
    reader.skipSpace()
    guard reader.index == bytes.count else { throw reader.failure("unexpected data after the value") }
    return value
  }

  /// A position in a JSON text. Every read starts at a value's first byte (white space skipped) and leaves
  /// the reader after it.
  struct Reader {
    let bytes: UnsafeRawBufferPointer
    var index = 0
    /// Arrays and objects open around the position.
    private var depth = 0

    init(bytes: UnsafeRawBufferPointer) {
      self.bytes = bytes
    }

    func failure(_ reason: String) -> Failure { Failure(reason: reason, offset: index) }

    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func skipSpace() {
      while index < bytes.count {
        switch bytes[index] {
        case 0x20, 0x09, 0x0A, 0x0D: index += 1
        default: return
        }
      }
    }

    mutating func expect(_ byte: UInt8, _ what: String) throws {
      guard current == byte else { throw failure("expected \(what)") }
      index += 1
    }

    mutating func literal(_ text: StaticString, _ value: JSONValue) throws -> JSONValue {
      let count = text.utf8CodeUnitCount
      guard index + count <= bytes.count else { throw failure("expected \(text)") }
      for offset in 0..<count where bytes[index + offset] != text.utf8Start[offset] {
        throw failure("expected \(text)")
      }
      index += count
      return value
    }

    mutating func value() throws -> JSONValue {
      guard let byte = current else { throw failure("expected a value") }
      switch byte {
      case UInt8(ascii: "\""): return .string(try string())
      case UInt8(ascii: "{"):
        var fields: [String: JSONValue] = [:]
        try members { name, reader in fields[name] = try reader.value() }
        return .object(fields)
      case UInt8(ascii: "["):
        var items: [JSONValue] = []
        try elements { items.append(try $0.value()) }
        return .array(items)
      case UInt8(ascii: "t"): return try literal("true", .bool(true))
      case UInt8(ascii: "f"): return try literal("false", .bool(false))
      case UInt8(ascii: "n"): return try literal("null", .null)
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
      default: throw failure("expected a value")
      }
    }

    /// Reads the array at the position, calling `element` with the reader at each element.
    mutating func elements(_ element: (inout Reader) throws -> Void) throws {
      try enter()
      defer { depth -= 1 }
      skipSpace()
      if current == UInt8(ascii: "]") {
        index += 1
        return
      }
      while true {
        skipSpace()
        try element(&self)
        skipSpace()
        switch current {
        case UInt8(ascii: ","): index += 1
        case UInt8(ascii: "]"):
          index += 1
          return
        default: throw failure("expected ',' or ']'")
        }
      }
    }

    /// Reads the object at the position, calling `member` with each member's name and the reader at its
    /// value.
    mutating func members(_ member: (String, inout Reader) throws -> Void) throws {
      try enter()
      defer { depth -= 1 }
      skipSpace()
      if current == UInt8(ascii: "}") {
        index += 1
        return
      }
      while true {
        skipSpace()
        guard current == UInt8(ascii: "\"") else { throw failure("expected a member name") }
        let name = try string()
        skipSpace()
        try expect(UInt8(ascii: ":"), "':'")
        skipSpace()
        try member(name, &self)
        skipSpace()
        switch current {
        case UInt8(ascii: ","): index += 1
        case UInt8(ascii: "}"):
          index += 1
          return
        default: throw failure("expected ',' or '}'")
        }
      }
    }

    /// Steps into the array or object at the position.
    private mutating func enter() throws {
      guard depth < JSONParser.maxDepth else { throw failure("nested deeper than \(JSONParser.maxDepth)") }
      depth += 1
      index += 1
    }

    // MARK: Typed values, for readers of known shapes. A value of another kind is a mismatch of `name`.

    /// Reads `null` if it is there.
    mutating func null() throws -> Bool {
      guard current == UInt8(ascii: "n") else { return false }
      _ = try literal("null", .null)
      return true
    }

    /// A string, or nil for null.
    mutating func string(orNull name: String) throws -> String? {
      if try null() { return nil }
      guard current == UInt8(ascii: "\"") else { throw Failure.mismatch(name, expected: "a string") }
      return try string()
    }

    /// A whole number within `Int64`, or nil for null.
    mutating func integer(orNull name: String) throws -> Int64? {
      if try null() { return nil }
      guard let byte = current, byte == UInt8(ascii: "-") || isDigit(byte), case .integer(let value) = try number()
      else { throw Failure.mismatch(name, expected: "a whole number") }
      return value
    }

    /// An array of strings, or nil for null.
    mutating func strings(orNull name: String) throws -> [String]? {
      if try null() { return nil }
      guard current == UInt8(ascii: "[") else { throw Failure.mismatch(name, expected: "an array") }
      var strings: [String] = []
      try elements { reader in
        guard reader.current == UInt8(ascii: "\"") else { throw Failure.mismatch(name, expected: "strings") }
        strings.append(try reader.string())
      }
      return strings
    }

    /// An object whose members are strings, or nil for null.
    mutating func stringMembers(orNull name: String) throws -> [String: String]? {
      if try null() { return nil }
      guard current == UInt8(ascii: "{") else { throw Failure.mismatch(name, expected: "an object") }
      var members: [String: String] = [:]
      try self.members { key, reader in
        guard reader.current == UInt8(ascii: "\"") else { throw Failure.mismatch(name, expected: "strings") }
        members[key] = try reader.string()
      }
      return members
    }

    /// A string starting at the opening quote; leaves `index` after the closing one.
    mutating func string() throws -> String {
      index += 1
      let start = index
      // The common case: no escapes, so the bytes between the quotes are the string.
      while index < bytes.count {
        let byte = bytes[index]
        if byte == UInt8(ascii: "\"") {
          let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
          index += 1
          return text
        }
        if byte == UInt8(ascii: "\\") { break }
        guard byte >= 0x20 else { throw failure("control character in a string") }
        index += 1
      }
      var buffer = Array(bytes[start..<index])
      while index < bytes.count {
        let byte = bytes[index]
        switch byte {
        case UInt8(ascii: "\""):
          index += 1
          return String(decoding: buffer, as: UTF8.self)
        case UInt8(ascii: "\\"):
          index += 1
          try escape(into: &buffer)
        case 0..<0x20:
          throw failure("control character in a string")
        default:
          buffer.append(byte)
          index += 1
        }
      }
      throw failure("unterminated string")
    }

    /// The escape after a backslash, appended to `buffer` as UTF-8.
    mutating func escape(into buffer: inout [UInt8]) throws {
      guard let byte = current else { throw failure("unterminated string") }
      index += 1
      switch byte {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(byte)
      case UInt8(ascii: "b"): buffer.append(0x08)
      case UInt8(ascii: "f"): buffer.append(0x0C)
      case UInt8(ascii: "n"): buffer.append(0x0A)
      case UInt8(ascii: "r"): buffer.append(0x0D)
      case UInt8(ascii: "t"): buffer.append(0x09)
      case UInt8(ascii: "u"):
        var scalar = UInt32(try hex4())
        if (0xD800..<0xDC00).contains(scalar), index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
          bytes[index + 1] == UInt8(ascii: "u")
        {
          let saved = index
          index += 2
          let low = UInt32(try hex4())
          if (0xDC00..<0xE000).contains(low) {
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
          } else {
            index = saved
          }
        }
        // A lone surrogate becomes U+FFFD, as JSONDecoder's strings would not hold it either.
        buffer.append(contentsOf: String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8)
      default:
        index -= 1
        throw failure("invalid escape")
      }
    }

    mutating func hex4() throws -> UInt16 {
      guard index + 4 <= bytes.count else { throw failure("expected four hex digits") }
      var value: UInt16 = 0
      for _ in 0..<4 {
        let byte = bytes[index]
        let digit: UInt8
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
        default: throw failure("expected a hex digit")
        }
        value = value << 4 | UInt16(digit)
        index += 1
      }
      return value
    }

    /// A number per the JSON grammar: `.integer` when whole and within `Int64`, else `.double`.
    mutating func number() throws -> JSONValue {
      let start = index
      let negative = current == UInt8(ascii: "-")
      if negative { index += 1 }
      guard let first = current, isDigit(first) else { throw failure("expected a digit") }
      var integer: Int64? = 0
      if first == UInt8(ascii: "0") {
        index += 1
      } else {
        while let byte = current, isDigit(byte) {
          let digit = Int64(byte - UInt8(ascii: "0"))
          if let value = integer {
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) =
              negative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
            integer = overflow1 || overflow2 ? nil : sum
          }
          index += 1
        }
      }
      var whole = true
      if current == UInt8(ascii: ".") {
        whole = false
        index += 1
        guard let byte = current, isDigit(byte) else { throw failure("expected a digit after '.'") }
        while let byte = current, isDigit(byte) { index += 1 }
      }
      if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
        whole = false
        index += 1
        if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
        guard let byte = current, isDigit(byte) else { throw failure("expected a digit in the exponent") }
        while let byte = current, isDigit(byte) { index += 1 }
      }
      if whole, let integer { return .integer(integer) }
      let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
      guard let value = Double(text) else { throw Failure(reason: "invalid number", offset: start) }
      return .double(value)
    }

    func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
  }
}
