import AsyncHTTPClient
import NIOPosix

/// An AsyncHTTPClient pool made on first use: making one (and even its configuration) sets up tracing,
/// logging and event-loop threads, which a run that only sends in-memory requests over a unix socket never
/// needs.
final class LazyHTTPClient: Sendable {
  private let configuration: @Sendable () -> HTTPClient.Configuration
  private let client = Locked<HTTPClient?>(nil)

  init(configuration: @escaping @Sendable () -> HTTPClient.Configuration) {
    self.configuration = configuration
  }

  /// The pool, made now if it was not yet.
  func get() -> HTTPClient {
    client.withLock { client in
      if let client { return client }
      let made = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration())
      client = made
      return made
    }
  }

  /// Shuts the pool down, if one was made.
  func shutdown() async throws {
    try await client.withLock { $0 }?.shutdown()
  }

  /// Starts shutting the pool down without waiting, if one was made.
  func shutdownInBackground() {
    _ = client.withLock { $0 }?.shutdown()
  }
}
