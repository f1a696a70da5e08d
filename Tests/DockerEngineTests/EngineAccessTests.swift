import DockerEngine
import Foundation
import TestImages
import Testing

/// Reaching the private engine the ways the docker CLI does: loopback TCP, a docker context directory, a context
/// made by the docker CLI itself; the events stream over a container's start; engines that are not there.
@Suite struct EngineAccessTests {
  /// The name of the hand-written context and the hex SHA-256 of it, as the docker CLI names its directory.
  static let contextName = "docksweep-context"
  static let contextDirectory = "1f42d704d0ed8dfa5d48898e4236be2fbecccf9c5f5eaec8fd67601e481695f4"
  /// The same for the context created with the docker CLI.
  static let cliContextName = "docksweep-cli"
  static let cliContextDirectory = "9593dbcb075e8d98ecbc6f831dc333e02d3f373ee59466cbadb3034a019e236f"

  @Test func tcpEngineAnswersLikeTheSocket() async throws {
    let host = try Self.tcpHost()
    let endpoint = try EngineEndpoint.resolve(host: nil, context: nil, environment: ["DOCKER_HOST": host])
    guard case .tcp(let address, let port) = endpoint.transport else {
      Issue.record("DOCKSWEEP_TEST_TCP_HOST=\(host) did not resolve to a tcp transport: \(endpoint.transport)")
      return
    }
    #expect(address == "127.0.0.1")
    #expect(endpoint.description == host)
    #expect(endpoint.tls == nil)
    #expect(endpoint.contextName == "default")

    let scope = EngineFixture.uniqueScope("tcp")
    let reference = "\(scope)/app:1"
    let tcp = try DockerClient(endpoint: endpoint)
    do {
      #expect(tcp.address == "tcp://127.0.0.1:\(port)")
      let ping = try await tcp.ping()
      #expect(ping.status == "OK")
      #expect(ping.apiVersion == "1.41")
      #expect(try await tcp.apiVersion() == "1.41")
      #expect(try await tcp.version().apiVersion == "1.41")

      // A load (streamed upload), a filtered list and a removal, all over TCP.
      let image = EngineFixture.image(scope, tags: [reference])
      let id = try #require(try await EngineFixture.load([image], with: tcp).first)
      let listed = try await tcp.images(filters: EngineFixture.filters(scope))
      #expect(listed.map(\.id) == [id])
      #expect(listed.first?.repoTags == [reference])
      #expect(try await tcp.images().contains { $0.id == id })

      // The same engine as the socket's.
      let tcpEngineID = try await tcp.info().id
      let (socketEngineID, socketListed) = try await EngineFixture.withClient { socket in
        (try await socket.info().id, try await socket.images(filters: EngineFixture.filters(scope)).map(\.id))
      }
      #expect(socketEngineID == tcpEngineID)
      #expect(socketListed == [id])
      #expect(try await tcp.removeImage(reference).contains(.deleted(id)))
      #expect(try await tcp.images(filters: EngineFixture.filters(scope)).isEmpty)
    } catch {
      Issue.record(error)
    }
    try await tcp.shutdown()
    try await EngineFixture.withClient { await EngineFixture.cleanUp(scope, with: $0) }
  }

  @Test func contextWrittenAsTheCLIWritesIt() async throws {
    let socketHost = try Self.socketHost()
    try await EngineFixture.withTemporaryDirectory { config in
      // What `docker context create NAME --docker host=...` and `docker context use NAME` leave behind.
      let meta = config.appendingPathComponent("contexts/meta/\(Self.contextDirectory)")
      try FileManager.default.createDirectory(at: meta, withIntermediateDirectories: true)
      let metaJSON =
        "{\"Name\":\(Self.goString(Self.contextName)),\"Metadata\":{},\"Endpoints\":{\"docker\":"
        + "{\"Host\":\(Self.goString(socketHost)),\"SkipTLSVerify\":false}}}"
      try Data(metaJSON.utf8).write(to: meta.appendingPathComponent("meta.json"))
      let configJSON = "{\n\t\"auths\": {},\n\t\"currentContext\": \(Self.goString(Self.contextName))\n}"
      try Data(configJSON.utf8).write(to: config.appendingPathComponent("config.json"))

      let environment = ["DOCKER_CONFIG": config.path, "HOME": config.appendingPathComponent("home").path]
      let endpoint = try EngineEndpoint.resolve(host: nil, context: nil, environment: environment)
      #expect(endpoint.contextName == Self.contextName)
      #expect(endpoint.description == socketHost)
      #expect(endpoint.tls == nil)
      // The same context named by --context and DOCKER_CONTEXT; DOCKER_HOST still wins over currentContext.
      #expect(try EngineEndpoint.resolve(host: nil, context: Self.contextName, environment: environment) == endpoint)
      var named = environment
      named["DOCKER_CONTEXT"] = Self.contextName
      #expect(try EngineEndpoint.resolve(host: nil, context: nil, environment: named) == endpoint)
      var overridden = environment
      overridden["DOCKER_HOST"] = "unix:///elsewhere.sock"
      let override = try EngineEndpoint.resolve(host: nil, context: nil, environment: overridden)
      #expect(override.contextName == "default")
      #expect(override.description == "unix:///elsewhere.sock")

      try await Self.expectAnswers(endpoint)
    }
  }

  @Test func contextCreatedByTheDockerCLI() async throws {
    let socketHost = try Self.socketHost()
    try await EngineFixture.withTemporaryDirectory { config in
      let environment = ["DOCKER_CONFIG": config.path, "HOME": config.appendingPathComponent("home").path]
      try DockerCLI.run(
        ["context", "create", Self.cliContextName, "--docker", "host=\(socketHost)"], environment: environment)
      try DockerCLI.run(["context", "use", Self.cliContextName], environment: environment)
      let metaPath = config.appendingPathComponent("contexts/meta/\(Self.cliContextDirectory)/meta.json").path
      #expect(
        FileManager.default.fileExists(atPath: metaPath),
        "the docker CLI did not store the context where the client looks for it: \(metaPath)")

      let endpoint = try EngineEndpoint.resolve(host: nil, context: nil, environment: environment)
      #expect(endpoint.contextName == Self.cliContextName)
      #expect(endpoint.description == socketHost)
      #expect(endpoint.tls == nil)
      // The CLI agrees on the engine (its own `docker context inspect`).
      let cliHost = try DockerCLI.run(
        ["context", "inspect", "--format", "{{.Endpoints.docker.Host}}", Self.cliContextName],
        environment: environment)
      #expect(cliHost == endpoint.description)

      try await Self.expectAnswers(endpoint)
    }
  }

  @Test func eventsStreamSeesAContainerStartThenCancels() async throws {
    let scope = EngineFixture.uniqueScope("evstart")
    let reference = "\(scope)/app:1"
    // The stream gets a client of its own with a single connection: once the stream is cancelled, that
    // connection must be given up for the next request to go through.
    let streaming = try EngineFixture.client(maxConcurrency: 1, requestTimeout: .seconds(20))
    do {
      try await EngineFixture.withClient { client in
        let image = EngineFixture.image(scope, tags: [reference], busybox: true, cmd: ["sleep", "300"])
        try await EngineFixture.load([image], with: client)
        // `since` replays what happened after it, so an event the request is too late for live is not lost.
        let since = Int64(Date().timeIntervalSince1970) - 1
        let log = EventLog()
        let stream = streaming.events(
          filters: EngineFixture.filters(scope, ["type": ["container"]]), since: String(since))
        let reader = Task {
          do {
            for try await event in stream { await log.append(event) }
            await log.end(nil)
          } catch {
            await log.end(error)
          }
        }

        let id = try await client.createContainer(
          image: reference, name: scope, labels: [EngineFixture.labelKey: scope], networkMode: "none")
        // Once `create` arrived the subscription is live, so `start` comes live, not replayed.
        let created = await log.first(within: .seconds(30)) { $0.action == "create" && $0.actorID == id }
        #expect(created != nil, "no create event for \(id) within 30 s")
        #expect(try await client.startContainer(id))
        let found = await log.first(within: .seconds(30)) { $0.action == "start" && $0.actorID == id }
        let started = try #require(found, "no start event for \(id) within 30 s")
        #expect(started.type == "container")
        #expect(started.attributes["name"] == scope)
        #expect(started.attributes["image"] == reference)
        #expect(started.attributes[EngineFixture.labelKey] == scope)
        #expect(started.time >= since)
        #expect(started.timeNano / 1_000_000_000 == started.time)
        let actions = await log.events.filter { $0.actorID == id }.map(\.action)
        let createIndex = try #require(actions.firstIndex(of: "create"))
        let startIndex = try #require(actions.firstIndex(of: "start"))
        #expect(createIndex < startIndex, "events out of order: \(actions)")

        reader.cancel()
        let ending = await log.ending(within: .seconds(10))
        #expect(ending.ended, "the events stream was still open 10 s after its task was cancelled")
        #expect(ending.error == nil, "a cancelled events stream ended with \(String(describing: ending.error))")
        // The one connection was given up: the streaming client answers again.
        #expect(try await streaming.ping().status == "OK")
        #expect(try await streaming.containers(filters: EngineFixture.filters(scope)).map(\.id) == [id])
      }
    } catch {
      Issue.record(error)
    }
    try await streaming.shutdown()
    try await EngineFixture.withClient { await EngineFixture.cleanUp(scope, with: $0) }
  }

  @Test func closedTCPPortIsUnreachable() async throws {
    // Port 1 (tcpmux) has no listener here; the connection is refused at once.
    let endpoint = try EngineEndpoint.resolve(host: "tcp://127.0.0.1:1", context: nil, environment: [:])
    let client = try DockerClient(endpoint: endpoint)
    let error = try await #require(throws: DockerError.self) { try await client.ping() }
    #expect(error.kind == .unreachable)
    #expect(error.status == nil)
    #expect(error.message == "Cannot connect to the Docker daemon at tcp://127.0.0.1:1. Is the docker daemon running?")
    try await client.shutdown()
  }

  @Test func contextWithMissingSocketIsUnreachable() async throws {
    try await EngineFixture.withTemporaryDirectory { config in
      let socket = config.appendingPathComponent("gone.sock").path
      let meta = config.appendingPathComponent("contexts/meta/\(Self.contextDirectory)")
      try FileManager.default.createDirectory(at: meta, withIntermediateDirectories: true)
      let metaJSON =
        "{\"Name\":\(Self.goString(Self.contextName)),\"Metadata\":{},\"Endpoints\":{\"docker\":"
        + "{\"Host\":\(Self.goString("unix://\(socket)")),\"SkipTLSVerify\":false}}}"
      try Data(metaJSON.utf8).write(to: meta.appendingPathComponent("meta.json"))
      let endpoint = try EngineEndpoint.resolve(
        host: nil, context: Self.contextName, environment: ["DOCKER_CONFIG": config.path])
      #expect(endpoint.contextName == Self.contextName)
      let client = try DockerClient(endpoint: endpoint)
      let error = try await #require(throws: DockerError.self) { try await client.images() }
      #expect(error.kind == .unreachable)
      #expect(error.message == "Cannot connect to the Docker daemon at unix://\(socket). Is the docker daemon running?")
      try await client.shutdown()
    }
  }

  /// Pings `endpoint`'s engine and lists its images, and checks it is the test engine.
  static func expectAnswers(_ endpoint: EngineEndpoint) async throws {
    let client = try DockerClient(endpoint: endpoint)
    do {
      #expect(try await client.ping().status == "OK")
      #expect(try await client.apiVersion() == "1.41")
      // Other tests add and remove images meanwhile, so only the kind of answer is compared.
      let images = try await client.images()
      #expect(images.allSatisfy { $0.id.hasPrefix("sha256:") && $0.size >= 0 })
      let engineID = try await client.info().id
      let socketEngineID = try await EngineFixture.withClient { try await $0.info().id }
      #expect(engineID == socketEngineID)
    } catch {
      Issue.record(error)
    }
    try await client.shutdown()
  }

  /// `DOCKER_HOST` of the test engine, which must be a unix socket; fails with what to run when unset.
  static func socketHost() throws -> String {
    let host = try TestEngine.host()
    guard host.hasPrefix("unix://") else {
      throw TestImagesError("DOCKER_HOST=\(host) is not the private test engine's unix socket: run scripts/test")
    }
    return host
  }

  /// `DOCKSWEEP_TEST_TCP_HOST`, the test engine's loopback TCP listener; fails with what to run when unset.
  static func tcpHost() throws -> String {
    guard let host = ProcessInfo.processInfo.environment["DOCKSWEEP_TEST_TCP_HOST"], !host.isEmpty else {
      throw TestImagesError(
        "DOCKSWEEP_TEST_TCP_HOST is not set: this test needs the private test engine listening on loopback TCP. "
          + "Run scripts/test, or (re)start the engine with `scripts/engine stop; "
          + "DOCKSWEEP_ENGINE_TCP_PORT=23750 scripts/engine start` and then `eval \"$(scripts/engine env)\"`.")
    }
    return host
  }

  /// `text` as a JSON string the way Go's encoding/json writes it (no escaped slashes).
  static func goString(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "<", ">", "&": result += String(format: "\\u%04x", scalar.value)
      case _ where scalar.value < 0x20: result += String(format: "\\u%04x", scalar.value)
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result + "\""
  }

  /// The events a stream delivered, and whether and how it ended.
  actor EventLog {
    private(set) var events: [EngineEvent] = []
    private(set) var ended = false
    private(set) var error: (any Error)?

    func append(_ event: EngineEvent) { events.append(event) }

    func end(_ error: (any Error)?) {
      ended = true
      self.error = error
    }

    /// The first event matching `predicate`, waiting up to `timeout` for it.
    func first(within timeout: Duration, where predicate: @Sendable (EngineEvent) -> Bool) async -> EngineEvent? {
      let deadline = ContinuousClock.now + timeout
      while true {
        if let event = events.first(where: predicate) { return event }
        if ended || ContinuousClock.now >= deadline { return nil }
        try? await Task.sleep(for: .milliseconds(50))
      }
    }

    /// Whether the stream ended within `timeout`, and its error if it had one.
    func ending(within timeout: Duration) async -> (ended: Bool, error: (any Error)?) {
      let deadline = ContinuousClock.now + timeout
      while !ended, ContinuousClock.now < deadline {
        try? await Task.sleep(for: .milliseconds(50))
      }
      return (ended, error)
    }
  }
}
