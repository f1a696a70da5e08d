import DockSweep
import Foundation
import Testing

/// `SessionOptions.connectEarly`: the engine is asked for its version while Lua starts, and only then.
@Suite struct ConnectEarlyTests {
  /// A unix socket that records the first request line it is sent (it never answers).
  final class Listener: @unchecked Sendable {
    let path: String
    private let descriptor: Int32

    init() throws {
      path = "/tmp/docksweep-early-\(UUID().uuidString.prefix(8)).sock"
      descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
      var address = sockaddr_un()
      address.sun_family = sa_family_t(AF_UNIX)
      withUnsafeMutableBytes(of: &address.sun_path) { raw in
        for (i, byte) in path.utf8.enumerated() { raw[i] = byte }
      }
      let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
        }
      }
      guard bound == 0, listen(descriptor, 4) == 0 else { throw POSIXError(.EADDRINUSE) }
    }

    /// The first line of the first request within `seconds`, or nil when no client connected and wrote.
    func firstRequestLine(within seconds: Double) -> String? {
      guard let (client, line) = firstRequest(within: seconds) else { return nil }
      close(client)
      return line
    }

    /// The first client and the first line it sent, within `seconds`; the caller closes the client.
    func firstRequest(within seconds: Double) -> (client: Int32, line: String)? {
      var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
      guard poll(&poller, 1, Int32(seconds * 1000)) == 1 else { return nil }
      let client = accept(descriptor, nil, nil)
      guard client >= 0 else { return nil }
      var reader = pollfd(fd: client, events: Int16(POLLIN), revents: 0)
      var buffer = [UInt8](repeating: 0, count: 512)
      let count = poll(&reader, 1, Int32(seconds * 1000)) == 1 ? read(client, &buffer, buffer.count) : 0
      guard count > 0 else {
        close(client)
        return nil
      }
      let line = String(decoding: buffer[..<count], as: UTF8.self).split(separator: "\r\n").first.map(String.init)
      return (client, line ?? "")
    }

    /// Whether the client closed its end within `seconds`.
    static func closed(_ client: Int32, within seconds: Double) -> Bool {
      var reader = pollfd(fd: client, events: Int16(POLLIN), revents: 0)
      guard poll(&reader, 1, Int32(seconds * 1000)) == 1 else { return false }
      var byte: UInt8 = 0
      return read(client, &byte, 1) == 0
    }

    deinit {
      close(descriptor)
      unlink(path)
    }
  }

  @Test func anEarlySessionPingsBeforeAnyCodeRuns() throws {
    let listener = try Listener()
    let (session, _) = try SessionHarness.make {
      $0.environment = ["DOCKER_HOST": "unix://\(listener.path)"]
      $0.connectEarly = true
      $0.idleTimeout = 2
    }
    let line = listener.firstRequestLine(within: 10)
    #expect(line == "GET /_ping HTTP/1.1")
    withExtendedLifetime(session) {}
  }

  @Test func anOrdinarySessionConnectsOnFirstUseOnly() throws {
    let listener = try Listener()
    let (session, _) = try SessionHarness.make { $0.environment = ["DOCKER_HOST": "unix://\(listener.path)"] }
    try session.run(ScriptSource(text: "x = 1 + 1"))
    let line = listener.firstRequestLine(within: 0.5)
    #expect(line == nil)
    withExtendedLifetime(session) {}
  }

  /// A session going away shuts its connections down, aborting a request the engine never answers; one
  /// told to leave them to the process's exit does not.
  @Test(arguments: [false, true]) func aGoingSessionClosesItsConnectionsUnlessToldToLeaveThem(leave: Bool) throws {
    let listener = try Listener()
    var session: Session? = try SessionHarness.make {
      $0.environment = ["DOCKER_HOST": "unix://\(listener.path)"]
      $0.connectEarly = true
      $0.idleTimeout = 120
    }.0
    let request = listener.firstRequest(within: 10)
    #expect(request?.line == "GET /_ping HTTP/1.1")
    guard let client = request?.client else { return }
    defer { close(client) }
    if leave { session?.leaveConnectionsToExit() }
    session = nil
    let closed = Listener.closed(client, within: leave ? 0.5 : 10)
    #expect(closed == !leave)
  }

  @Test func anUnreachableEngineFailsTheFirstCallAsBefore() throws {
    let (session, _) = try SessionHarness.make { $0.connectEarly = true }
    #expect {
      try session.run(ScriptSource(text: "docker.images()"))
    } throws: { error in
      "\(error)".contains("Cannot connect to the Docker daemon at unix:///nonexistent/docksweep-tests.sock")
    }
  }

  @Test func mentionsFindsAWordAnywhere() {
    #expect(ScriptSource(text: "print(docker.images())").mentions("docker"))
    #expect(ScriptSource(text: "-- docker\nprint(1)").mentions("docker"))
    #expect(!ScriptSource(text: "print(1)").mentions("docker"))
    #expect(!ScriptSource(text: "dock").mentions("docker"))
    #expect(ScriptSource(text: "docker").mentions("docker"))
  }
}
