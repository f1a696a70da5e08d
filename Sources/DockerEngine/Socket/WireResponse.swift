import DockerFormats

/// An HTTP/1.1 answer read whole from a byte stream: the status, the header fields and the body, with
/// `Content-Length`, `Transfer-Encoding: chunked` and close-delimited bodies understood.
struct WireResponse: Sendable {
  var status: Int
  var reason: String
  var headers: [(name: String, value: String)]
  var body: [UInt8]
  /// Whether the connection may carry another request after this answer.
  var keepAlive: Bool

  /// The first value of the header field `name`, compared without case.
  func header(_ name: String) -> String? { Self.field(name, in: headers) }

  /// The first value of the field `name` in `headers`, compared without case.
  static func field(_ name: String, in headers: [(name: String, value: String)]) -> String? {
    let wanted = name.lowercased()
    return headers.first { $0.name.lowercased() == wanted }?.value
  }
}

/// Why an answer could not be read.
enum WireError: Error, Equatable {
  /// The stream ended before the first byte of an answer.
  case closedBeforeAnswer
  /// The stream ended or failed inside the answer.
  case truncated
  /// The bytes are not an HTTP/1.1 answer.
  case malformed(String)
  /// The body is longer than the limit.
  case tooLarge(limit: Int)
}

/// Reads one answer from `fill`, which appends the next bytes of the stream to its argument and returns how many
/// it appended (0 at the end of the stream). Bytes after the answer stay in `buffer` for the next one.
struct WireReader {
  var buffer: [UInt8] = []
  private var start = 0
  /// The body limit of the answer being read, in bytes.
  private var limit = Int.max
  let fill: (inout [UInt8]) throws -> Int

  init(fill: @escaping (inout [UInt8]) throws -> Int) {
    self.fill = fill
  }

  /// Whether no bytes beyond the answers read so far have arrived.
  var isDrained: Bool { buffer.count == start }

  /// The next final answer (interim 1xx answers other than 101 are skipped), with a body of at most `limit`
  /// bytes; `bodyless` is true for the answer to a HEAD request.
  mutating func read(bodyless: Bool = false, limit: Int = 256 << 20) throws -> WireResponse {
    self.limit = limit
    var response: WireResponse
    repeat {
      let headEnd = try readUntilHeadEnd()
      response = try Self.parseHead(buffer[start..<headEnd])
      start = headEnd + 4
    } while (100..<200).contains(response.status) && response.status != 101
    let noBody = bodyless || (100..<200).contains(response.status) || response.status == 204 || response.status == 304
    let encoding = response.header("Transfer-Encoding")?.lowercased()
    if noBody {
      response.body = []
    } else if let encoding, encoding.firstRange(ofBytes: "chunked") != nil {
      response.body = try readChunked()
    } else if let lengthText = response.header("Content-Length") {
      guard let length = Int(lengthText), length >= 0 else {
        throw WireError.malformed("bad Content-Length \(lengthText)")
      }
      guard length <= limit else { throw WireError.tooLarge(limit: limit) }
      response.body = try take(length)
    } else {
      response.body = try readToEnd()
      response.keepAlive = false
    }
    compact()
    return response
  }

  /// The index of the `\r\n\r\n` that ends the head.
  private mutating func readUntilHeadEnd() throws -> Int {
    var searchFrom = start
    while true {
      if let end = buffer.firstIndex(of: [13, 10, 13, 10], from: searchFrom) { return end }
      searchFrom = max(start, buffer.count - 3)
      guard buffer.count - start < 1 << 20 else { throw WireError.malformed("header section over 1 MiB") }
      if try fill(&buffer) == 0 {
        throw buffer.count == start ? WireError.closedBeforeAnswer : WireError.truncated
      }
    }
  }

  /// Status line and header fields. Read byte by byte: the head of every answer passes here, and the
  /// generic text algorithms cost runtime type lookups on the first answer of a run.
  static func parseHead(_ bytes: ArraySlice<UInt8>) throws -> WireResponse {
    var statusLine: ArraySlice<UInt8>?
    var headers: [(name: String, value: String)] = []
    var lineStart = bytes.startIndex
    for i in bytes.startIndex...bytes.endIndex where i == bytes.endIndex || bytes[i] == 10 {
      var end = i
      if end > lineStart, bytes[end - 1] == 13 { end -= 1 }
      let line = bytes[lineStart..<end]
      lineStart = i + 1
      if statusLine == nil {
        statusLine = line
      } else if !line.isEmpty {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
          throw WireError.malformed("bad header line \(text(line).prefix(80))")
        }
        headers.append((text(line[..<colon]), text(trimmingSpaces(line[(colon + 1)...]))))
      }
    }
    let status = statusLine ?? []
    // "VERSION CODE[ REASON]", as split at the first two spaces.
    let firstSpace = status.firstIndex(of: UInt8(ascii: " "))
    let version = status[..<(firstSpace ?? status.endIndex)]
    let afterCode = firstSpace.map { status[($0 + 1)...] } ?? []
    let secondSpace = afterCode.firstIndex(of: UInt8(ascii: " "))
    let code = afterCode[..<(secondSpace ?? afterCode.endIndex)]
    guard firstSpace != nil, version.starts(with: Array("HTTP/1.".utf8)), let status = Int(text(code)),
      (100...999).contains(status)
    else {
      throw WireError.malformed("bad status line \(text(status).prefix(80))")
    }
    var response = WireResponse(
      status: status, reason: secondSpace.map { text(afterCode[($0 + 1)...]) } ?? "", headers: headers, body: [],
      keepAlive: true)
    let connection = response.header("Connection")?.lowercased() ?? ""
    response.keepAlive =
      version.elementsEqual(Array("HTTP/1.1".utf8))
      ? connection.firstRange(ofBytes: "close") == nil : connection.firstRange(ofBytes: "keep-alive") != nil
    return response
  }

  private static func text(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }

  /// `bytes` without leading and trailing spaces and tabs.
  private static func trimmingSpaces(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    let isSpace = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
    guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) })
    else { return [] }
    return bytes[first...last]
  }

  /// Exactly `count` bytes.
  private mutating func take(_ count: Int) throws -> [UInt8] {
    while buffer.count - start < count {
      if try fill(&buffer) == 0 { throw WireError.truncated }
    }
    defer { start += count }
    return Array(buffer[start..<start + count])
  }

  /// One line without its `\r\n`.
  private mutating func line() throws -> ArraySlice<UInt8> {
    var searchFrom = start
    while true {
      if let end = buffer.firstIndex(of: [13, 10], from: searchFrom) {
        defer { start = end + 2 }
        return buffer[start..<end]
      }
      searchFrom = max(start, buffer.count - 1)
      guard buffer.count - start < 64 << 10 else { throw WireError.malformed("chunk line over 64 KiB") }
      if try fill(&buffer) == 0 { throw WireError.truncated }
    }
  }

  /// A chunked body, trailers skipped.
  private mutating func readChunked() throws -> [UInt8] {
    var body: [UInt8] = []
    while true {
      let size = try chunkSize()
      if size == 0 {
        while try !line().isEmpty {}
        return body
      }
      guard size <= limit - body.count else { throw WireError.tooLarge(limit: limit) }
      body += try take(size)
      guard try line().isEmpty else { throw WireError.malformed("chunk without its line end") }
      compact()
    }
  }

  /// The size on a chunk's first line (extensions after `;` ignored).
  private mutating func chunkSize() throws -> Int {
    let sizeLine = try line()
    let digits = sizeLine.prefix { $0 != UInt8(ascii: ";") }
    guard let size = Int(Self.text(Self.trimmingSpaces(digits)), radix: 16), size >= 0 else {
      throw WireError.malformed("bad chunk size \(String(decoding: sizeLine.prefix(40), as: UTF8.self))")
    }
    return size
  }

  /// Everything until the stream ends.
  private mutating func readToEnd() throws -> [UInt8] {
    while try fill(&buffer) > 0 {
      guard buffer.count - start <= limit else { throw WireError.tooLarge(limit: limit) }
    }
    defer { start = buffer.count }
    return Array(buffer[start...])
  }

  /// Drops the bytes already consumed.
  private mutating func compact() {
    buffer.removeFirst(start)
    start = 0
  }
}
