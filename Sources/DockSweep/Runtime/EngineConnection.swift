import DockerEngine
import FoundationEssentials
import NIOConcurrencyHelpers

/// The session's engine client, made on first use so that runs which never touch Docker (`print(1)`)
/// never connect, and the executor its work runs on.
final class EngineConnection: @unchecked Sendable {
  private let options: SessionOptions
  /// Guards ``client`` and ``resolvedEndpoint``: the engine's thread may make the client (``connectEarly()``)
  /// while the session's Lua asks for it.
  private let lock = NIOLock()
  private var client: DockerClient?
  /// Set by ``close()``: no client is made after it.
  private var closed = false
  /// Where the session's engine work runs: a thread of the session's, never the cooperative pool.
  let executor = SessionExecutor()
  /// Why a call in flight must stop now (an interrupt, the time limit), or nil. Set by the session.
  var stopReason: (_ bulk: Bool) -> (any Error)? = { _ in nil }

  init(options: SessionOptions) {
    self.options = options
  }

  /// Where the engine is, once resolved.
  var endpoint: EngineEndpoint? { lock.withLock { resolvedEndpoint } }
  private var resolvedEndpoint: EngineEndpoint?

  /// The client, resolving the endpoint on first use.
  func get() throws -> DockerClient {
    try lock.withLock { try made() }
  }

  private func made() throws -> DockerClient {
    if let client { return client }
    if closed { throw CancellationError() }
    let endpoint = try EngineEndpoint.resolve(
      host: options.host, context: options.context, environment: options.environment)
    resolvedEndpoint = endpoint
    let made = try DockerClient(
      endpoint: endpoint, maxConcurrency: ContainerOperation.concurrency,
      idleTimeout: options.idleTimeout.map { .milliseconds(Int64($0 * 1000)) }, taskExecutor: executor)
    client = made
    return made
  }

  /// Starts, on the engine's thread, resolving the engine's address and learning its API version (a
  /// connection and a `GET /_ping`), so that the first call finds them known. Errors are dropped: the first
  /// call meets them again.
  func connectEarly() {
    executor.task { [self] in
      guard let client = try? get() else { return }
      _ = try? await client.apiVersion()
    }
  }

  /// Runs `work` with the client and waits for it. An interrupt cancels it unless it is `bulk` work
  /// (which stops starting items by itself and finishes those it started); the time limit cancels any.
  func call<T: Sendable>(bulk: Bool = false, _ work: @escaping @Sendable (DockerClient) async throws -> T) throws -> T {
    let client = try get()
    let stop = stopReason
    return try EngineWait.wait(on: executor, stop: { stop(bulk) }) { try await work(client) }
  }

  /// Runs `work` with the client, waiting at most `seconds`: nil when the time runs out (the work goes on
  /// in the background). For calls nobody asked for, such as the REPL's banner and completion.
  func call<T: Sendable>(within seconds: Double, _ work: @escaping @Sendable (DockerClient) async throws -> T)
    throws -> T?
  {
    let client = try get()
    let giveUp = Date().addingTimeInterval(seconds)
    do {
      return try EngineWait.wait(on: executor, stop: { Date() > giveUp ? GaveUp() : nil }) { try await work(client) }
    } catch is GaveUp {
      return nil
    }
  }

  private struct GaveUp: Error {}

  /// Closes the connections, if any were made, waiting at most about 3 seconds: a request stuck on a
  /// hung engine must not keep the process from ending.
  func close() {
    let client = lock.withLock {
      closed = true
      let made = self.client
      self.client = nil
      return made
    }
    guard let client else { return }
    let giveUp = Date().addingTimeInterval(1)
    _ = try? EngineWait.wait(on: executor, stop: { Date() > giveUp ? CancellationError() : nil }) {
      try await client.shutdown()
    }
  }
}
