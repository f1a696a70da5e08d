extension String {
  /// The string in double quotes, with `"`, `\` and control characters escaped, for error messages
  /// (the form Go's `%q` gives printable text: other control characters and DEL as `\xXX`).
  public var parserQuoted: String {
    quoted { scalar in
      scalar.value < 0x20 || scalar.value == 0x7F
        ? "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16) : nil
    }
  }

  /// The string as a JSON string literal: in double quotes, with `"`, `\` and control characters escaped
  /// (other control characters as `\u00XX`), everything else as it is.
  public var jsonQuoted: String {
    quoted { scalar in
      guard scalar.value < 0x20 else { return nil }
      let hex = String(scalar.value, radix: 16)
      return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }
  }

  /// The string in double quotes with `"`, `\`, newline, carriage return and tab escaped as `\"`, `\\`,
  /// `\n`, `\r`, `\t`, and any other scalar as `escape` gives it (nil: as it is). The one quoting loop of
  /// Go's `%q`, JSON string literals and Lua string literals.
  public func quoted(escaping escape: (Unicode.Scalar) -> String?) -> String {
    var out = "\""
    for scalar in unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if let escaped = escape(scalar) { out += escaped } else { out.unicodeScalars.append(scalar) }
      }
    }
    return out + "\""
  }
}
