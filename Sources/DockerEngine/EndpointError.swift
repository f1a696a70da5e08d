/// Why the engine's address could not be worked out: a malformed `DOCKER_HOST`, a context that does not
/// exist, unreadable context or config files, missing TLS files.
///
/// ```swift
/// do {
///   _ = try EngineEndpoint.resolve(host: nil, context: "staging", environment: env)
/// } catch let error as EndpointError {
///   print(error)  // context "staging" (from --context) not found: no file /home/me/.docker/contexts/meta/…
/// }
/// ```
public struct EndpointError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The complete message.
  public var message: String

  /// An error with this message.
  public init(_ message: String) {
    self.message = message
  }

  /// The message.
  public var description: String { message }
}
