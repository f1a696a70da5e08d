/// An error from the Docker engine or from talking to it.
///
/// Engine answers keep the engine's message verbatim and print like the docker CLI:
///
/// ```swift
/// do {
///   _ = try await client.removeImage("busybox:latest")
/// } catch let error as DockerError where error.kind == .conflict {
///   print(error)  // Error response from daemon: conflict: unable to remove repository reference ...
/// }
/// ```
public struct DockerError: Error, CustomStringConvertible, Sendable, Equatable {
  /// What went wrong, coarsely, so callers can decide what to do.
  public enum Kind: String, Sendable, Equatable, CaseIterable {
    /// The engine answered 404: no such image, container, ...
    case notFound
    /// The engine answered 409: the object is in use, a prune is already running, ...
    case conflict
    /// The engine answered 400 (or another 4xx): the request was not valid.
    case badRequest
    /// The engine answered 5xx, or reported an error inside a streamed answer.
    case server
    /// The engine could not be reached: no socket, connection refused, unknown host.
    case unreachable
    /// The socket exists but may not be opened, or the engine answered 401/403.
    case permissionDenied
    /// A connect timeout or the request's own deadline passed.
    case timeout
    /// The connection dropped before the answer was complete.
    case connectionLost
    /// The engine answered something this client could not understand.
    case protocolError
    /// The request needs something this client or engine does not support.
    case unsupported
  }

  /// What went wrong.
  public var kind: Kind
  /// The HTTP status the engine answered with, when the error is an engine answer.
  public var status: Int?
  /// The engine's `message` verbatim, or this client's explanation when there is no engine answer.
  public var message: String

  /// Makes an error; `status` is set only for answers from the engine.
  public init(kind: Kind, status: Int? = nil, message: String) {
    self.kind = kind
    self.status = status
    self.message = message
  }

  /// The text the docker CLI prints: `Error response from daemon: MESSAGE` for engine answers,
  /// the message alone otherwise.
  public var description: String {
    status == nil ? message : "Error response from daemon: \(message)"
  }

  /// The kind an engine answer with this HTTP status maps to.
  public static func kind(forStatus status: Int) -> Kind {
    switch status {
    case 404: return .notFound
    case 409: return .conflict
    case 401, 403: return .permissionDenied
    case 400..<500: return .badRequest
    default: return .server
    }
  }
}
