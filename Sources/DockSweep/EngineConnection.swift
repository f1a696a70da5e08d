import DockerEngine
import Foundation

/// The session's engine client, made on first use so that runs which never
/// touch Docker (`print(1)`) never connect.
final class EngineConnection {
  private let options: SessionOptions
  private var client: DockerClient?

  init(options: SessionOptions) {
    self.options = options
  }

  /// The client, resolving the endpoint on first use.
  func get() throws -> DockerClient {
    if let client { return client }
    let endpoint = try EngineEndpoint.resolve(
      host: options.host, context: options.context, environment: options.environment)
    let made = try DockerClient(endpoint: endpoint, maxConcurrency: 8)
    client = made
    return made
  }

  /// Runs `work` with the client and waits for it.
  func call<T: Sendable>(_ work: @escaping @Sendable (DockerClient) async throws -> T) throws -> T {
    let client = try get()
    return try Blocking.wait { try await work(client) }
  }

  /// Closes the connections, if any were made.
  func close() {
    guard let client else { return }
    self.client = nil
    _ = try? Blocking.wait { try await client.shutdown() }
  }
}
