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
      var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
      guard poll(&poller, 1, Int32(seconds * 1000)) == 1 else { return nil }
      let client = accept(descriptor, nil, nil)
      guard client >= 0 else { return nil }
      defer { close(client) }
      var reader = pollfd(fd: client, events: Int16(POLLIN), revents: 0)
      guard poll(&reader, 1, Int32(seconds * 1000)) == 1 else { return nil }
      var buffer = [UInt8](repeating: 0, count: 512)
      let count = read(client, &buffer, buffer.count)
      guard count > 0 else { return nil }
      return String(decoding: buffer[..<count], as: UTF8.self).split(separator: "\r\n").first.map(String.init)
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
