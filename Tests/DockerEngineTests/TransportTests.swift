import Foundation
import Testing

@testable import DockerEngine

/// Transport behaviour against a scripted server on a unix socket.
@Suite struct TransportTests {
  /// Runs `body` with a fake engine listening in a directory whose name needs percent-encoding.
  private func withFakeEngine<T>(
    _ reply: @escaping @Sendable (FakeEngine.Request) -> FakeEngine.Reply,
    _ body: (FakeEngine, EngineEndpoint) async throws -> T
  ) async throws -> T {
    let directory = "/tmp/dsk fake %\(UUID().uuidString.prefix(8))"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let engine = try FakeEngine(path: "\(directory)/engine.sock", reply: reply)
    defer { engine.stop() }
    return try await body(engine, EngineEndpoint(transport: .unix(path: engine.path)))
  }

  private static func ok(_ body: String, headers: [String: String] = [:]) -> FakeEngine.Reply {
    .send(FakeEngine.response(200, headers: headers.merging(["Content-Type": "application/json"]) { $1 }, body: body))
  }

  @Test func negotiatesThenPrefixesPathsAndSendsHost() async throws {
    try await withFakeEngine({ request in
      request.line.hasPrefix("GET /_ping ")
        ? .send(FakeEngine.response(200, headers: ["Api-Version": "1.45"], body: "OK"))
        : Self.ok("[]")
    }) { engine, endpoint in
      let client = try DockerClient(endpoint: endpoint, apiVersion: nil)
      #expect(try await client.images(all: true, filters: ["dangling": ["true"]]).isEmpty)
      #expect(try await client.apiVersion() == "1.45")
      try await client.shutdown()
      let received = engine.received
      #expect(received.count == 2)
      #expect(received.first?.line == "GET /_ping HTTP/1.1")
      #expect(
        received.last?.line
          == "GET /v1.45/images/json?all=1&filters=%7B%22dangling%22%3A%7B%22true%22%3Atrue%7D%7D HTTP/1.1")
      #expect(received.allSatisfy { $0.headers["host"] == "docker" })
    }
  }

  @Test func newerEngineIsCappedAndMissingHeaderFallsBack() async throws {
    try await withFakeEngine({ _ in .send(FakeEngine.response(200, headers: ["Api-Version": "1.60"], body: "OK")) }) {
      _, endpoint in
      let client = try DockerClient(endpoint: endpoint)
      #expect(try await client.apiVersion() == APIVersion.clientMaximum.description)
      try await client.shutdown()
    }
    try await withFakeEngine({ _ in .send(FakeEngine.response(200, body: "OK")) }) { _, endpoint in
      let client = try DockerClient(endpoint: endpoint)
      #expect(try await client.apiVersion() == "1.24")
      try await client.shutdown()
    }
  }

  @Test func requestTimeoutIsTimeout() async throws {
    try await withFakeEngine({ _ in .hang }) { _, endpoint in
      let client = try DockerClient(endpoint: endpoint, apiVersion: "1.41", requestTimeout: .milliseconds(300))
      let started = ContinuousClock.now
      let error = try await #require(throws: DockerError.self) { try await client.images() }
      #expect(error.kind == .timeout)
      #expect(error.message.contains("GET /images/json"))
      // Bounded only loosely: a loaded machine may be slow, but a timeout must not wait for ever.
      #expect(ContinuousClock.now - started < .seconds(600))
      try await client.shutdown()
    }
  }

  /// A kept connection serves each request with that request's deadline and size limit: neither the
  /// ping's 1 MiB limit nor its long-expired deadline carries over to the next answer.
  @Test func keptConnectionTakesEachRequestsOwnDeadlineAndLimit() async throws {
    let count = 30_000
    let images =
      "[" + (0..<count).map { #"{"Id":"sha256:\#($0)","RepoTags":["img:\#($0)"]}"# }.joined(separator: ",") + "]"
    #expect(images.utf8.count > 1 << 20)
    try await withFakeEngine({ request in
      request.line.hasPrefix("GET /_ping ")
        ? .send(FakeEngine.response(200, headers: ["Api-Version": "1.41"], body: "OK")) : Self.ok(images)
    }) { engine, endpoint in
      let client = try DockerClient(endpoint: endpoint, apiVersion: nil, requestTimeout: .milliseconds(400))
      #expect(try await client.apiVersion() == "1.41")
      try await Task.sleep(for: .milliseconds(600))
      #expect(try await client.images().count == count)
      try await client.shutdown()
      #expect(engine.received.count == 2)
      #expect(engine.acceptedConnections == 1)
    }
  }

  /// A kept connection the engine closed while it sat idle is noticed and replaced by a new one.
  @Test func keptConnectionClosedByTheEngineIsReplaced() async throws {
    try await withFakeEngine({ request in
      request.line.hasPrefix("GET /_ping ")
        ? .sendAndClose(FakeEngine.response(200, headers: ["Api-Version": "1.41"], body: "OK")) : Self.ok("[]")
    }) { engine, endpoint in
      let client = try DockerClient(endpoint: endpoint)
      #expect(try await client.apiVersion() == "1.41")
      try await Task.sleep(for: .milliseconds(100))
      #expect(try await client.images().isEmpty)
      #expect(try await client.images().isEmpty)
      try await client.shutdown()
      #expect(engine.received.count == 3)
      #expect(engine.acceptedConnections == 2)
    }
  }

  /// An engine that closes every connection right after its answer: each GET still succeeds, on a new
  /// connection found stale, or by the one retry of a GET whose kept connection closed before answering.
  /// (Another method is sent again only when none of it was sent: the engine may have read it.)
  @Test func getsSurviveAnEngineThatClosesEveryConnection() async throws {
    try await withFakeEngine({ request in
      .sendAndClose(
        FakeEngine.response(
          200, headers: ["Api-Version": "1.41", "Content-Type": "application/json"],
          body: request.line.hasPrefix("GET /_ping ") ? "OK" : "[]"))
    }) { _, endpoint in
      let client = try DockerClient(endpoint: endpoint)
      for _ in 0..<20 { #expect(try await client.images().isEmpty) }
      try await client.shutdown()
    }
  }

  /// Shutting a client down aborts a request waiting on a silent engine, and later requests fail saying so.
  @Test func shutdownAbortsRequestsInFlightAndRefusesLaterOnes() async throws {
    try await withFakeEngine({ _ in .hang }) { _, endpoint in
      let client = try DockerClient(endpoint: endpoint, apiVersion: "1.41")
      let started = ContinuousClock.now
      let waiting = Task { try await client.images() }
      try await Task.sleep(for: .milliseconds(200))
      try await client.shutdown()
      await #expect(throws: (any Error).self) { try await waiting.value }
      // Liveness only: a loaded machine may be slow, but the request must end.
      #expect(ContinuousClock.now - started < .seconds(600))
      let later = try await #require(throws: DockerError.self) { try await client.images() }
      #expect(later.message.contains("was shut down"))
    }
  }

  /// Cancelling the first request cancels the version negotiation it started, even with no request timeout.
  @Test func cancellingTheFirstRequestCancelsTheNegotiation() async throws {
    try await withFakeEngine({ _ in .hang }) { _, endpoint in
      let client = try DockerClient(endpoint: endpoint, apiVersion: nil)
      let started = ContinuousClock.now
      let waiting = Task { try await client.images() }
      try await Task.sleep(for: .milliseconds(200))
      waiting.cancel()
      await #expect(throws: CancellationError.self) { try await waiting.value }
      // Liveness only: a loaded machine may be slow, but the request must end.
      #expect(ContinuousClock.now - started < .seconds(600))
      try await client.shutdown()
    }
  }

  /// The negotiation is shared: one cancelled caller leaves it running for another that still waits.
  @Test func oneCancelledCallerDoesNotCancelTheNegotiationForOthers() async throws {
    try await withFakeEngine({ request in
      request.line.hasPrefix("GET /_ping ")
        ? .sendLater(seconds: 0.5, FakeEngine.response(200, headers: ["Api-Version": "1.41"], body: "OK"))
        : Self.ok("[]")
    }) { _, endpoint in
      let client = try DockerClient(endpoint: endpoint, apiVersion: nil)
      let cancelled = Task { try await client.images() }
      let patient = Task { try await client.images() }
      try await Task.sleep(for: .milliseconds(100))
      cancelled.cancel()
      await #expect(throws: CancellationError.self) { try await cancelled.value }
      #expect(try await patient.value.isEmpty)
      try await client.shutdown()
    }
  }

  @Test func droppedConnectionIsConnectionLost() async throws {
    let partial = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n[{\"Id\":"
    try await withFakeEngine({ _ in .sendAndClose(partial) }) { _, endpoint in
      let client = try DockerClient(endpoint: endpoint, apiVersion: "1.41")
      let error = try await #require(throws: DockerError.self) { try await client.images() }
      #expect(error.kind == .connectionLost)
      #expect(error.message.contains("was lost"))
      try await client.shutdown()
    }
  }

  @Test func errorBodiesKeepTheEngineMessage() async throws {
    try await withFakeEngine({ request in
      if request.line.contains("/containers/") {
        return .send(FakeEngine.response(500, "Internal Server Error", body: "plain failure\n"))
      }
      if request.line.contains("/images/prune") {
        return .send(
          FakeEngine.response(
            409, "Conflict", headers: ["Content-Type": "application/json"],
            body: #"{"message":"a prune operation is already running"}"#))
      }
      return .send(FakeEngine.response(403, "Forbidden", body: ""))
    }) { _, endpoint in
      let client = try DockerClient(endpoint: endpoint, apiVersion: "1.41")
      let plain = try await #require(throws: DockerError.self) { try await client.containers() }
      #expect(plain.kind == .server)
      #expect(plain.status == 500)
      #expect(plain.message == "plain failure")
      let conflict = try await #require(throws: DockerError.self) { try await client.pruneImages() }
      #expect(conflict.kind == .conflict)
      #expect(conflict.description == "Error response from daemon: a prune operation is already running")
      let empty = try await #require(throws: DockerError.self) { try await client.info() }
      #expect(empty.kind == .permissionDenied)
      #expect(empty.message == "403 Forbidden")
      try await client.shutdown()
    }
  }

  @Test func errorInsideAPullStreamIsThrown() async throws {
    let body = """
      {"status":"Pulling from library/app","id":"1.0"}\r
      {"status":"Downloading","progressDetail":{"current":10,"total":100},"progress":"[=>  ]","id":"abc"}\r
      {"errorDetail":{"message":"unexpected EOF"},"error":"unexpected EOF"}\r

      """
    try await withFakeEngine({ _ in Self.ok(body) }) { engine, endpoint in
      let client = try DockerClient(endpoint: endpoint, apiVersion: "1.41")
      var progress: [PullProgress] = []
      let error = try await #require(throws: DockerError.self) {
        try await client.pullImage("registry.example:5000/library/app") { progress.append($0) }
      }
      #expect(error.kind == .server)
      #expect(error.message == "unexpected EOF")
      #expect(progress.map(\.status) == ["Pulling from library/app", "Downloading"])
      #expect(progress.last?.current == 10)
      #expect(progress.last?.total == 100)
      #expect(
        engine.received.first?.line
          == "POST /v1.41/images/create?fromImage=registry.example%3A5000%2Flibrary%2Fapp&tag=latest HTTP/1.1")
      try await client.shutdown()
    }
  }

  @Test func loadStreamsTheFileAndReadsLoadedNames() async throws {
    let body = """
      {"stream":"Loaded image: app:1\\n"}
      {"stream":"Loaded image ID: sha256:0123\\n"}
      """
    try await withFakeEngine({ _ in Self.ok(body) }) { engine, endpoint in
      let client = try DockerClient(endpoint: endpoint, apiVersion: "1.41")
      let file = "\(URL(fileURLWithPath: engine.path).deletingLastPathComponent().path)/in.tar"
      try Data(repeating: 7, count: 3_000_000).write(to: URL(fileURLWithPath: file))
      #expect(try await client.loadImages(from: file) == ["app:1", "sha256:0123"])
      let request = try #require(engine.received.first)
      #expect(request.line == "POST /v1.41/images/load?quiet=1 HTTP/1.1")
      #expect(request.bodySize == 3_000_000)
      #expect(request.headers["content-type"] == "application/x-tar")
      try await client.shutdown()
    }
  }

  /// An engine busy with another disk-usage request refuses it (500 on 20.10, 409 elsewhere); the read-only
  /// request is sent again.
  @Test func diskUsageWaitsForARunningOne() async throws {
    let refusals = Locked(2)
    let busy = #"{"message":"a disk usage operation is already running"}"#
    let empty = #"{"LayersSize":0,"Images":[],"Containers":[],"Volumes":[],"BuildCache":[]}"#
    try await withFakeEngine({ _ in
      let refuse = refusals.withLock { left in
        defer { left -= 1 }
        return left > 0
      }
      return refuse ? .send(FakeEngine.response(500, "Internal Server Error", body: busy)) : Self.ok(empty)
    }) { engine, endpoint in
      let client = try DockerClient(endpoint: endpoint, apiVersion: "1.41")
      #expect(try await client.diskUsage().images.isEmpty)
      #expect(engine.received.count == 3)
      try await client.shutdown()
    }
  }

  @Test func newDiskUsageShapeIsAskedVerboseAndDecodes() async throws {
    let body = """
      {"ImageUsage":{"ActiveCount":1,"TotalCount":2,"Reclaimable":100,"TotalSize":300,
        "Items":[{"Id":"sha256:a","ParentId":"","RepoTags":[],"RepoDigests":[],"Created":1,"Size":300,
          "SharedSize":0,"Labels":{},"Containers":1}]},
       "ContainerUsage":{"ActiveCount":0,"TotalCount":0,"Reclaimable":0,"TotalSize":0},
       "VolumeUsage":{"ActiveCount":0,"TotalCount":0,"Reclaimable":0,"TotalSize":0},
       "BuildCacheUsage":{"ActiveCount":0,"TotalCount":0,"Reclaimable":0,"TotalSize":0}}
      """
    try await withFakeEngine({ _ in Self.ok(body) }) { engine, endpoint in
      let client = try DockerClient(endpoint: endpoint, apiVersion: "1.52")
      let usage = try await client.diskUsage()
      #expect(engine.received.first?.line == "GET /v1.52/system/df?verbose=1 HTTP/1.1")
      #expect(usage.imageUsage?.reclaimable == 100)
      #expect(usage.images.map(\.containers) == [1])
      #expect(usage.layersSize == nil)
      #expect(usage.containers.isEmpty)
      try await client.shutdown()
    }
  }

  @Test func eventsDecodeInOrderAndEndWithTheStream() async throws {
    let body = """
      {"status":"tag","id":"sha256:1","Type":"image","Action":"tag","Actor":{"ID":"sha256:1","Attributes":{"name":"a:2"}},"scope":"local","time":5,"timeNano":5000000001}
      {"Type":"container","Action":"start","Actor":{"ID":"c1","Attributes":{"image":"a:2","name":"x"}},"scope":"local","time":6,"timeNano":6000000000}

      """
    try await withFakeEngine({ _ in .sendAndClose(FakeEngine.response(200, body: body)) }) { engine, endpoint in
      let client = try DockerClient(endpoint: endpoint, apiVersion: "1.41")
      var events: [EngineEvent] = []
      for try await event in client.events(filters: ["type": ["image"]], since: "0", until: "10") {
        events.append(event)
      }
      #expect(events.map(\.action) == ["tag", "start"])
      #expect(events.first?.attributes["name"] == "a:2")
      #expect(events.first?.timeNano == 5_000_000_001)
      #expect(events.last?.actorID == "c1")
      #expect(engine.received.first?.line.hasPrefix("GET /v1.41/events?since=0&until=10&filters=") == true)
      try await client.shutdown()
    }
  }

  @Test func socketWithoutListenerIsUnreachable() async throws {
    let path = "/tmp/dsk-dead-\(UUID().uuidString.prefix(8)).sock"
    let listener = try FakeEngine.listen(at: path)
    close(listener)
    defer { unlink(path) }
    let client = try DockerClient(endpoint: EngineEndpoint(transport: .unix(path: path)))
    let error = try await #require(throws: DockerError.self) { try await client.ping() }
    #expect(error.kind == .unreachable)
    #expect(error.message == "Cannot connect to the Docker daemon at unix://\(path). Is the docker daemon running?")
    try await client.shutdown()
  }

  @Test func refusedSocketPermissionIsReported() throws {
    let path = "/tmp/dsk-perm-\(UUID().uuidString.prefix(8)).sock"
    #expect(FileManager.default.createFile(atPath: path, contents: nil))
    defer { unlink(path) }
    let transport = try EngineTransport(
      endpoint: EngineEndpoint(transport: .unix(path: path)), maxConnections: 1, connectTimeout: .seconds(1))
    defer { transport.shutdownInBackground() }
    let error = transport.connectFailure(errno: EACCES, request: EngineRequest(.GET, "/_ping"))
    #expect(error.kind == .permissionDenied)
    #expect(
      error.message
        == "permission denied while trying to connect to the Docker daemon socket at unix://\(path): "
        + "dial unix \(path): connect: permission denied")
    let missing = transport.connectFailure(errno: ENOENT, request: EngineRequest(.GET, "/_ping"))
    #expect(missing.kind == .unreachable)
  }

  @Test func invalidAPIVersionIsRefused() throws {
    let endpoint = EngineEndpoint(transport: .unix(path: "/tmp/none.sock"))
    let error = try #require(throws: DockerError.self) { try DockerClient(endpoint: endpoint, apiVersion: "latest") }
    #expect(error.kind == .badRequest)
    #expect(error.message == "invalid API version \"latest\": expected MAJOR.MINOR")
  }

  @Test func unsupportedTransportsAreClearErrors() throws {
    let fd = try #require(throws: DockerError.self) { try DockerClient(endpoint: EngineEndpoint(transport: .fd)) }
    #expect(fd.kind == .unsupported)
    #expect(fd.message.contains("fd://"))
  }

  @Test func unreadableTLSFilesAreReported() throws {
    let endpoint = EngineEndpoint(
      transport: .tcp(host: "127.0.0.1", port: 2376),
      tls: TLSFiles(ca: "/nonexistent/ca.pem", cert: nil, key: nil, verify: true))
    let error = try #require(throws: DockerError.self) { try DockerClient(endpoint: endpoint) }
    #expect(error.kind == .unreachable)
    #expect(error.message.hasPrefix("could not load the TLS files"))
  }

  @Test func refusedTCPPortIsUnreachable() async throws {
    let client = try DockerClient(endpoint: EngineEndpoint(transport: .tcp(host: "127.0.0.1", port: 9)))
    let error = try await #require(throws: DockerError.self) { try await client.ping() }
    #expect(error.kind == .unreachable)
    #expect(error.message == "Cannot connect to the Docker daemon at tcp://127.0.0.1:9. Is the docker daemon running?")
    try await client.shutdown()
  }
}
