import AsyncHTTPClient
import NIOPosix

/// An AsyncHTTPClient pool made on first use: making one (and even its configuration) sets up tracing,
/// logging and event-loop threads, which a run that only sends in-memory requests over a unix socket never
/// needs.
final class LazyHTTPClient: Sendable {
  private enum State: Sendable {
    case notMade
    case made(HTTPClient)
    case shutDown
  }

  private let configuration: @Sendable () -> HTTPClient.Configuration
  private let state = Locked(State.notMade)

  init(configuration: @escaping @Sendable () -> HTTPClient.Configuration) {
    self.configuration = configuration
  }

  /// The pool, made now if it was not yet; `HTTPClientError.alreadyShutdown` after `shutdown()`.
  func get() throws -> HTTPClient {
    try state.withLock { state in
      switch state {
      case .made(let client):
        return client
      case .shutDown:
        throw HTTPClientError.alreadyShutdown
      case .notMade:
        let made = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration())
        state = .made(made)
        return made
      }
    }
  }

  /// Shuts the pool down, if one was made; later `get()` calls fail.
  func shutdown() async throws {
    try await take()?.shutdown()
  }

  /// Starts shutting the pool down without waiting, if one was made.
  func shutdownInBackground() {
    _ = take()?.shutdown()
  }

  /// The pool to shut down, if one was made, leaving the state shut down.
  private func take() -> HTTPClient? {
    state.withLock { state in
      defer { state = .shutDown }
      if case .made(let client) = state { return client }
      return nil
    }
  }
}
