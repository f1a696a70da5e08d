/// Why a pattern does not compile, with the position (1-based, counted in characters of the pattern) of the
/// fault: `missing ')' for '(' at position 1`.
public struct RegexSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What is wrong, without the position.
  public let reason: String
  /// Where, counted from 1 in Unicode scalars of the pattern.
  public let position: Int

  public init(_ reason: String, at position: Int) {
    self.reason = reason
    self.position = position
  }

  public var description: String { "\(reason) at position \(position)" }
}
