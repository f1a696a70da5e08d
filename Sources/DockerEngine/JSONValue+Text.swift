extension JSONValue {
  /// The JSON text `bytes` hold (RFC 8259; surrounding white space allowed).
  /// - Throws: an error naming the byte offset where the text stops being JSON.
  public static func parse(_ bytes: [UInt8]) throws -> JSONValue {
    try bytes.withUnsafeBytes { try JSONParser.parse($0) }
  }
}
