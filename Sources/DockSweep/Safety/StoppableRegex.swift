import Foundation

/// A regular expression whose matching stops when the session's limits say so (the time limit passed,
/// Ctrl-C), however long one match would take: Foundation's engine backtracks, and a pattern such as
/// `(a|aa)+$` against a long name takes exponential time. The engine reports progress during a long
/// match; each report asks `limit`, and a reason it gives ends the match with that error.
struct StoppableRegex {
  let regex: NSRegularExpression
  /// Why matching must stop now, or nil.
  let limit: () -> (any Error)?

  /// Whether the pattern matches anywhere in `text`.
  /// - Throws: the reason `limit` gave when it stopped the match.
  func matches(_ text: String) throws -> Bool {
    var found = false
    var stopped: (any Error)?
    regex.enumerateMatches(
      in: text, options: [.reportProgress], range: NSRange(location: 0, length: text.utf16.count)
    ) { match, _, stop in
      if match != nil {
        found = true
        stop.pointee = true
      } else if let reason = limit() {
        stopped = reason
        stop.pointee = true
      }
    }
    if let stopped { throw stopped }
    return found
  }
}
