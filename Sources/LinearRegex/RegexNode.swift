/// A parsed pattern. Captures, laziness and group names are parsed and dropped: a match here only answers
/// whether the pattern occurs, which none of them change.
indirect enum RegexNode: Sendable, Equatable {
  case empty
  case set(ScalarSet)
  case literal(Unicode.Scalar)
  /// `.`; with the `s` flag it also matches a line feed.
  case any(dotAll: Bool)
  case assertion(Assertion)
  case concatenation([RegexNode])
  case alternation([RegexNode])
  /// `min` to `max` (nil: unbounded) copies of the node.
  case repetition(RegexNode, min: Int, max: Int?)

  /// A zero-width test of the position between two scalars.
  enum Assertion: Sendable, Equatable {
    /// `\A`, or `^` without the `m` flag.
    case textStart
    /// `\z`, or `$` without the `m` flag.
    case textEnd
    /// `^` with the `m` flag.
    case lineStart
    /// `$` with the `m` flag.
    case lineEnd
    /// `\b`.
    case wordBoundary
    /// `\B`.
    case notWordBoundary

    func holds(before previous: Unicode.Scalar?, after next: Unicode.Scalar?) -> Bool {
      switch self {
      case .textStart: return previous == nil
      case .textEnd: return next == nil
      case .lineStart: return previous == nil || previous == "\n"
      case .lineEnd: return next == nil || next == "\n"
      case .wordBoundary: return ScalarSet.isWord(previous) != ScalarSet.isWord(next)
      case .notWordBoundary: return ScalarSet.isWord(previous) == ScalarSet.isWord(next)
      }
    }
  }
}
