import AsyncHTTPClient
import NIOCore

/// One Engine API request before the version prefix and the host are added.
struct EngineRequest: Sendable {
  /// One `name=value` query parameter; a name may repeat.
  struct QueryItem: Sendable, Equatable {
    var name: String
    var value: String
  }

  /// The HTTP methods the Engine API uses.
  enum Method: String, Sendable {
    case GET, HEAD, POST, PUT, DELETE
  }

  var method: Method
  /// The path after the version prefix, starting with `/`, not yet percent-encoded.
  var path: String
  var query: [QueryItem] = []
  /// Extra header fields (`Host` and `Content-Length` are set by the transport).
  var headers: [(name: String, value: String)] = []
  /// A body held in memory (JSON).
  var bytes: [UInt8]?
  /// A streamed body (an archive to load); such requests go through AsyncHTTPClient.
  var body: HTTPClientRequest.Body?
  /// Whether `/vX.Y` is put before `path` (false only for `/_ping`).
  var versioned = true
  /// Long operations (streams, save, load, pull, events) have no request deadline.
  var isLongRunning = false
  /// Time added to the client's request timeout (a stop waits for the container's grace period).
  var extraTime: Duration = .zero

  init(_ method: Method, _ path: String) {
    self.method = method
    self.path = path
  }

  /// Adds `name=value`.
  mutating func query(_ name: String, _ value: String) {
    query.append(QueryItem(name: name, value: value))
  }

  /// Adds `name=1` when `flag` is true (the engine's boolean form).
  mutating func query(_ name: String, flag: Bool) {
    if flag { query(name, "1") }
  }

  /// Adds `filters=JSON` unless `filters` is empty.
  mutating func query(filters: Filters) {
    if !filters.isEmpty { query("filters", filters.json) }
  }

  /// Sets a JSON body.
  mutating func jsonBody(_ data: [UInt8]) {
    headers.append((name: "Content-Type", value: "application/json"))
    bytes = data
  }

  /// `METHOD /path`, for messages.
  var summary: String { "\(method.rawValue) \(path)" }

  /// The percent-encoded path and query, with the version prefix when `versioned`.
  func uri(version: APIVersion?) -> String {
    var uri = ""
    if versioned, let version { uri += "/v\(version)" }
    uri += Self.percentEncode(path, allowed: Self.isPathByte)
    if !query.isEmpty {
      uri += "?"
      uri += query.map {
        Self.percentEncode($0.name, allowed: Self.isUnreserved) + "="
          + Self.percentEncode($0.value, allowed: Self.isUnreserved)
      }.joined(separator: "&")
    }
    return uri
  }

  /// The whole HTTP/1.1 request for `uri`, with `Host: docker` (the engine wants one; any name does over a
  /// unix socket) and the in-memory body.
  func wireBytes(uri: String) -> [UInt8] {
    var head = "\(method.rawValue) \(uri) HTTP/1.1\r\nHost: docker\r\nUser-Agent: docksweep\r\n"
    for field in headers { head += "\(field.name): \(field.value)\r\n" }
    if let bytes {
      head += "Content-Length: \(bytes.count)\r\n"
    } else if method == .POST || method == .PUT {
      head += "Content-Length: 0\r\n"
    }
    head += "\r\n"
    return Array(head.utf8) + (bytes ?? [])
  }

  /// Whether `byte` is an RFC 3986 unreserved character (letters, digits, `-._~`).
  static func isUnreserved(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"):
      return true
    default:
      return byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
        || byte == UInt8(ascii: "~")
    }
  }

  /// Whether `byte` may stand unencoded in a path: unreserved, or one of `/:@!$&'()*+,;=`.
  static func isPathByte(_ byte: UInt8) -> Bool {
    isUnreserved(byte) || "/:@!$&'()*+,;=".utf8.contains(byte)
  }

  static func percentEncode(_ text: String, allowed: (UInt8) -> Bool) -> String {
    let hex = Array("0123456789ABCDEF".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count)
    for byte in text.utf8 {
      if allowed(byte) {
        out.append(byte)
      } else {
        out.append(UInt8(ascii: "%"))
        out.append(hex[Int(byte >> 4)])
        out.append(hex[Int(byte & 0x0F)])
      }
    }
    return String(decoding: out, as: UTF8.self)
  }
}
