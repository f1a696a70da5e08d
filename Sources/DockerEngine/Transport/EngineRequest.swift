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
    body = .bytes(ByteBuffer(bytes: data))
  }

  /// `METHOD /path`, for messages.
  var summary: String { "\(method.rawValue) \(path)" }

  /// The percent-encoded path and query, with the version prefix when `versioned`.
  func uri(version: APIVersion?) -> String {
    var uri = ""
    if versioned, let version { uri += "/v\(version)" }
    uri += Self.percentEncode(path, allowed: Self.pathAllowed)
    if !query.isEmpty {
      uri += "?"
      uri += query.map {
        Self.percentEncode($0.name, allowed: Self.unreserved) + "="
          + Self.percentEncode($0.value, allowed: Self.unreserved)
      }.joined(separator: "&")
    }
    return uri
  }

  private static let unreserved: Set<UInt8> = Set(
    Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8))
  private static let pathAllowed: Set<UInt8> = unreserved.union("/:@!$&'()*+,;=".utf8)

  /// `text` with every byte outside `allowed` written as `%XX`.
  static func percentEncode(_ text: String, allowed: Set<UInt8>) -> String {
    let hex = Array("0123456789ABCDEF".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count)
    for byte in text.utf8 {
      if allowed.contains(byte) {
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
