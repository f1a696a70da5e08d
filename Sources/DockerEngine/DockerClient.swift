import AsyncHTTPClient
import FoundationEssentials
import NIOCore

/// An async client of the Docker Engine API, over one pool of keep-alive connections.
///
/// Engines are reached over a unix socket, TCP (with TLS when the endpoint has TLS files), or ssh
/// (`ssh ... docker system dial-stdio` per connection, as the docker CLI does); `fd://` is refused.
/// The API version is negotiated on the first request (`GET /_ping`) unless fixed by `apiVersion`
/// or `DOCKER_API_VERSION`; every path is then sent as `/vX.Y/...`. Call `shutdown()` when done.
///
/// ```swift
/// let endpoint = try EngineEndpoint.resolve(host: nil, context: nil, environment: ProcessInfo.processInfo.environment)
/// let client = try DockerClient(endpoint: endpoint)
/// defer { Task { try? await client.shutdown() } }
/// for image in try await client.images() { print(image.repoTags, image.size) }
/// ```
public final class DockerClient: Sendable {
  /// The engine's address as the docker CLI prints it, e.g. `unix:///var/run/docker.sock`.
  public let address: String
  /// Most requests in flight at once in `forEachConcurrently`, and most pooled connections.
  public let maxConcurrency: Int
  /// The deadline of ordinary requests; nil waits for as long as the engine takes.
  /// Streams, save, load and pull never have one.
  public let requestTimeout: Duration?
  /// How long an ordinary request over a unix socket may make no progress before it fails; nil for no limit.
  /// Streams, save, load and pull never have one.
  public let idleTimeout: Duration?

  /// Where the client's own tasks run (version negotiation, event streams); nil for the global pool.
  public let taskExecutor: (any TaskExecutor)?

  let transport: EngineTransport
  private let fixedVersion: APIVersion?
  private let negotiation = Locked(Negotiation())
  private let isShutDown = Locked(false)

  /// A client of the engine at `endpoint`.
  ///
  /// - Parameters:
  ///   - endpoint: Where the engine is (see `EngineEndpoint.resolve`).
  ///   - apiVersion: A fixed API version such as `"1.41"`; nil uses `DOCKER_API_VERSION` when set,
  ///     else negotiates with the engine.
  ///   - maxConcurrency: Most connections and concurrent requests (at least 1).
  ///   - requestTimeout: Deadline of ordinary requests; nil for none.
  ///   - idleTimeout: How long an ordinary request (over any transport) may make no progress; nil for
  ///     no limit.
  ///   - connectTimeout: How long to wait for a connection to open.
  ///   - taskExecutor: Where the tasks the client starts itself run (nil: the global concurrent
  ///     executor). A host that keeps its engine work off the cooperative pool passes its executor here.
  /// - Throws: `DockerError` for an invalid `apiVersion`, an unsupported transport (`fd://`), unreadable TLS files,
  ///   or (for `ssh://`) a local socket that cannot be made.
  public convenience init(
    endpoint: EngineEndpoint,
    apiVersion: String? = nil,
    maxConcurrency: Int = 8,
    requestTimeout: Duration? = nil,
    idleTimeout: Duration? = nil,
    connectTimeout: Duration = .seconds(5),
    taskExecutor: (any TaskExecutor)? = nil
  ) throws {
    try self.init(
      endpoint: endpoint, apiVersion: apiVersion, maxConcurrency: maxConcurrency, requestTimeout: requestTimeout,
      idleTimeout: idleTimeout, connectTimeout: connectTimeout, sshProgram: "ssh", taskExecutor: taskExecutor)
  }

  /// The public initializer with the ssh executable chosen (for tests).
  init(
    endpoint: EngineEndpoint,
    apiVersion: String?,
    maxConcurrency: Int,
    requestTimeout: Duration?,
    idleTimeout: Duration? = nil,
    connectTimeout: Duration,
    sshProgram: String,
    taskExecutor: (any TaskExecutor)? = nil
  ) throws {
    self.taskExecutor = taskExecutor
    var requested = apiVersion
    if requested == nil, let value = ProcessEnvironment.value("DOCKER_API_VERSION"), !value.isEmpty {
      requested = value
    }
    if let requested {
      guard let version = APIVersion(requested) else {
        throw DockerError(kind: .badRequest, message: "invalid API version \"\(requested)\": expected MAJOR.MINOR")
      }
      fixedVersion = version
    } else {
      fixedVersion = nil
    }
    self.maxConcurrency = max(1, maxConcurrency)
    self.requestTimeout = requestTimeout
    self.idleTimeout = idleTimeout
    transport = try EngineTransport(
      endpoint: endpoint, maxConnections: self.maxConcurrency, connectTimeout: connectTimeout, sshProgram: sshProgram)
    address = transport.address
  }

  deinit {
    let wasShutDown = isShutDown.withLock { $0 }
    if !wasShutDown { transport.shutdownInBackground() }
  }

  /// Closes the connections; requests still running fail. Calling it again does nothing.
  public func shutdown() async throws {
    let first = isShutDown.withLock { done in
      defer { done = true }
      return !done
    }
    if first { try await transport.shutdown() }
  }

  /// The API version used for requests: the fixed one, or min(engine's, `APIVersion.clientMaximum`)
  /// learnt from `GET /_ping` on first use.
  public func apiVersion() async throws -> String {
    try await negotiatedVersion().description
  }

  /// The version for request paths, negotiating once; a failed negotiation is retried on the next call.
  func negotiatedVersion() async throws -> APIVersion {
    if let fixedVersion { return fixedVersion }
    let task = negotiation.withLock { state in
      if let task = state.task {
        state.waiting += 1
        return task
      }
      let task = Task(executorPreference: taskExecutor) { [transport, requestTimeout, idleTimeout] in
        let ping = try await Self.ping(
          transport, deadline: Self.deadline(requestTimeout), idle: idleTimeout.map(EngineTransport.timeAmount))
        let engine = ping.apiVersion.flatMap(APIVersion.init) ?? APIVersion.fallback
        return min(engine, APIVersion.clientMaximum)
      }
      state = Negotiation(task: task, waiting: 1, cancelled: 0)
      return task
    }
    let cancelled = Locked(false)
    defer {
      negotiation.withLock { state in
        guard state.task == task else { return }
        state.waiting -= 1
        if cancelled.withLock({ $0 }) { state.cancelled -= 1 }
      }
    }
    do {
      // The negotiation is shared: it is cancelled (its ping aborts) once every caller waiting for it was.
      return try await withTaskCancellationHandler {
        try await task.value
      } onCancel: {
        cancelled.withLock { $0 = true }
        let everyone = negotiation.withLock { state in
          guard state.task == task else { return false }
          state.cancelled += 1
          return state.cancelled >= state.waiting
        }
        if everyone { task.cancel() }
      }
    } catch {
      negotiation.withLock { state in
        if state.task == task { state = Negotiation() }
      }
      throw error
    }
  }

  /// The version negotiation in progress or done, and how many callers wait for it (and how many of them
  /// were cancelled).
  private struct Negotiation: Sendable {
    var task: Task<APIVersion, any Error>?
    var waiting = 0
    var cancelled = 0
  }

  /// `GET /_ping`, unversioned.
  static func ping(_ transport: EngineTransport, deadline: NIODeadline, idle: TimeAmount? = nil) async throws
    -> EnginePing
  {
    var request = EngineRequest(.GET, "/_ping")
    request.versioned = false
    let answer = try await transport.exchange(request, version: nil, deadline: deadline, idle: idle, limit: 1 << 20)
    return EnginePing(
      apiVersion: answer.header("Api-Version"),
      osType: answer.header("Ostype"),
      experimental: answer.header("Docker-Experimental") == "true",
      builderVersion: answer.header("Builder-Version"),
      status: String(buffer: answer.body))
  }

  /// The deadline for an ordinary request.
  static func deadline(_ timeout: Duration?) -> NIODeadline {
    guard let timeout else { return .distantFuture }
    return .now() + EngineTransport.timeAmount(timeout)
  }

  /// Sends `request` with the negotiated version and the client's deadline (none for long-running requests),
  /// returning once the answer's head arrived, for answers read as a stream.
  func send(_ request: EngineRequest) async throws -> HTTPClientResponse {
    let version = try await negotiatedVersion()
    return try await transport.execute(request, version: version, deadline: deadline(for: request))
  }

  /// Sends `request` and reads the whole answer.
  func sendCollecting(_ request: EngineRequest) async throws -> (status: Int, body: ByteBuffer) {
    let version = try await negotiatedVersion()
    let idle = request.isLongRunning ? nil : idleTimeout.map(EngineTransport.timeAmount)
    let answer = try await transport.exchange(
      request, version: version, deadline: deadline(for: request), idle: idle)
    return (answer.status, answer.body)
  }

  /// No deadline for long-running requests, else the client's request timeout plus the request's extra time.
  private func deadline(for request: EngineRequest) -> NIODeadline {
    request.isLongRunning ? NIODeadline.distantFuture : Self.deadline(requestTimeout.map { $0 + request.extraTime })
  }

  /// Sends `request` and decodes its JSON answer as `T`.
  func sendDecoding<T: Decodable>(_ type: T.Type, _ request: EngineRequest) async throws -> T {
    let (_, body) = try await sendCollecting(request)
    return try Self.decode(type, from: body, request: request)
  }

  /// `body` decoded as `T`, or a `protocolError` naming the request.
  static func decode<T: Decodable>(_ type: T.Type, from body: ByteBuffer, request: EngineRequest) throws -> T {
    do {
      return try JSONDecoder().decode(type, from: Data(body.readableBytesView))
    } catch {
      throw DockerError(
        kind: .protocolError, message: "cannot decode the answer to \(request.summary) as \(type): \(error)")
    }
  }
}
