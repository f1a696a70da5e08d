/// Why a run ended without success, with the exit status the docksweep
/// command uses for it.
public struct SessionError: Error, CustomStringConvertible {
  /// The failure's class.
  public enum Kind: Sendable {
    /// The script raised an error, or a removal it made had failures it did not handle (exit 1).
    case runtime
    /// The script could not be read or did not compile (exit 2).
    case load
    /// The session could not be set up, or the command line was wrong (exit 2).
    case usage
  }
  /// The failure's class.
  public let kind: Kind
  /// The message, `FILE:LINE: message` with a traceback where there is one.
  public let message: String

  /// A failure of `kind` with `message`.
  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }

  /// 1 for runtime failures, 2 for load and usage errors.
  public var exitCode: Int32 { kind == .runtime ? 1 : 2 }

  public var description: String { message }
}
