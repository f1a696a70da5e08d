import Foundation

/// A scripted HTTP server on a unix socket, for transport behaviour a real engine cannot be made to show:
/// hanging, dropping a connection mid-answer, odd error bodies, newer API versions.
///
/// Each accepted connection is served on its own thread: every request head (and its body, by
/// `Content-Length`) is read and recorded, then `reply` decides what to send back.
final class FakeEngine: @unchecked Sendable {
  /// What to do with one request.
  enum Reply: Sendable {
    /// Send these bytes, then keep the connection for the next request.
    case send(String)
    /// Send these bytes, then close the connection.
    case sendAndClose(String)
    /// Send nothing and keep the connection open until `stop()`.
    case hang
    /// Wait `seconds`, then send these bytes and keep the connection.
    case sendLater(seconds: Double, String)
  }

  /// One received request.
  struct Request: Sendable {
    /// `GET /v1.41/images/json HTTP/1.1`.
    var line: String
    /// Header fields with lowercased names.
    var headers: [String: String]
    /// The body's size in bytes.
    var bodySize: Int
  }

  let path: String
  private let listener: Int32
  private let reply: @Sendable (Request) -> Reply
  private let lock = NSLock()
  private var requests: [Request] = []
  private var connections: [Int32] = []
  private var acceptedCount = 0
  private var stopped = false

  /// Listens at `path` (which must not exist yet).
  init(path: String, reply: @escaping @Sendable (Request) -> Reply) throws {
    self.path = path
    self.reply = reply
    listener = try Self.listen(at: path)
    let thread = Thread { [self] in acceptLoop() }
    thread.start()
  }

  /// The requests received so far, in order.
  /// How many connections clients opened.
  var acceptedConnections: Int { lock.withLock { acceptedCount } }

  var received: [Request] {
    lock.withLock { requests }
  }

  /// Closes the listener and every connection, and removes the socket file.
  func stop() {
    // Under the lock, so that no connection closes (and its descriptor gets reused) in between.
    lock.withLock {
      stopped = true
      for connection in connections { shutdown(connection, Int32(SHUT_RDWR)) }
    }
    shutdown(listener, Int32(SHUT_RDWR))
    close(listener)
    unlink(path)
  }

  /// A plain HTTP/1.1 answer.
  static func response(
    _ status: Int, _ reason: String = "OK", headers: [String: String] = [:], body: String = ""
  ) -> String {
    var text = "HTTP/1.1 \(status) \(reason)\r\nContent-Length: \(body.utf8.count)\r\n"
    for (name, value) in headers.sorted(by: { $0.key < $1.key }) { text += "\(name): \(value)\r\n" }
    return text + "\r\n" + body
  }

  /// A socket bound and listening at `path`.
  static func listen(at path: String) throws -> Int32 {
    let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(path.utf8)
    precondition(bytes.count < MemoryLayout.size(ofValue: address.sun_path), "socket path too long: \(path)")
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
      raw.copyBytes(from: bytes)
      raw[bytes.count] = 0
    }
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
    guard bound == 0, Glibc.listen(descriptor, 16) == 0 else {
      let code = errno
      close(descriptor)
      throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
    }
    return descriptor
  }

  private func acceptLoop() {
    while true {
      let connection = accept(listener, nil, nil)
      if connection < 0 { return }
      let accepted = lock.withLock {
        if stopped { return false }
        connections.append(connection)
        acceptedCount += 1
        return true
      }
      if !accepted {
        close(connection)
        return
      }
      Thread { [self] in serve(connection) }.start()
    }
  }

  private func serve(_ connection: Int32) {
    defer {
      lock.withLock {
        connections.removeAll { $0 == connection }
        close(connection)
      }
    }
    var pending: [UInt8] = []
    while true {
      guard let request = readRequest(connection, &pending) else { return }
      lock.withLock { requests.append(request) }
      switch reply(request) {
      case .send(let text):
        if !write(connection, text) { return }
      case .sendLater(let seconds, let text):
        Thread.sleep(forTimeInterval: seconds)
        if !write(connection, text) { return }
      case .sendAndClose(let text):
        _ = write(connection, text)
        return
      case .hang:
        var byte: UInt8 = 0
        while recv(connection, &byte, 1, 0) > 0 {}
        return
      }
    }
  }

  private func readRequest(_ connection: Int32, _ pending: inout [UInt8]) -> Request? {
    let separator: [UInt8] = [13, 10, 13, 10]
    var headEnd: Int?
    while headEnd == nil {
      if let found = Self.find(separator, in: pending) {
        headEnd = found
        break
      }
      guard let chunk = read(connection) else { return nil }
      pending += chunk
    }
    let head = String(decoding: pending[..<headEnd!], as: UTF8.self)
    pending.removeFirst(headEnd! + 4)
    var lines = head.components(separatedBy: "\r\n")
    let line = lines.removeFirst()
    var headers: [String: String] = [:]
    for field in lines {
      guard let colon = field.firstIndex(of: ":") else { continue }
      headers[field[..<colon].lowercased()] = field[field.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    let length = Int(headers["content-length"] ?? "0") ?? 0
    while pending.count < length {
      guard let chunk = read(connection) else { return nil }
      pending += chunk
    }
    pending.removeFirst(length)
    return Request(line: line, headers: headers, bodySize: length)
  }

  private func read(_ connection: Int32) -> [UInt8]? {
    var buffer = [UInt8](repeating: 0, count: 65_536)
    let count = recv(connection, &buffer, buffer.count, 0)
    return count > 0 ? Array(buffer[..<count]) : nil
  }

  private func write(_ connection: Int32, _ text: String) -> Bool {
    let bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
      let sent = bytes[offset...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
      if sent <= 0 { return false }
      offset += sent
    }
    return true
  }

  private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
    guard haystack.count >= needle.count else { return nil }
    for start in 0...(haystack.count - needle.count) where haystack[start..<start + needle.count].elementsEqual(needle)
    {
      return start
    }
    return nil
  }
}
