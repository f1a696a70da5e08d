import LinearRegex

/// A regular expression whose matching stops when the session's limits say so (the time limit passed,
/// Ctrl-C). Matching takes time linear in the name (`RegularExpression` never backtracks), but a large
/// pattern over many names is still work a limit must be able to end.
struct StoppableRegex {
  let regex: RegularExpression
  /// Why matching must stop now, or nil.
  let limit: () -> (any Error)?

  /// Whether the pattern matches anywhere in `text`.
  /// - Throws: the reason `limit` gave when it stopped the match.
  func matches(_ text: String) throws -> Bool {
    try regex.matches(text, limit: limit)
  }
}
