/// A regular expression that matches in time linear in the text, however it is written: a recipe someone
/// sent, or a pattern typed at a prompt, cannot stall a run with catastrophic backtracking. The syntax is
/// RE2's (Go's `regexp`); back-references and look-around, which need backtracking, are refused when the
/// pattern is compiled.
///
/// ```swift
/// let old = try RegularExpression("^registry\\.example\\.com/(app|web):v1\\.")
/// old.matches("registry.example.com/app:v1.2")  // true
/// ```
public struct RegularExpression: Sendable {
  /// The pattern as written.
  public let pattern: String
  private let program: RegexProgram

  /// Compiles `pattern`.
  /// - Throws: `RegexSyntaxError` naming the fault and its position.
  public init(_ pattern: String) throws(RegexSyntaxError) {
    var parser = RegexParser(pattern)
    self.pattern = pattern
    self.program = try RegexProgram(parser.parse())
  }

  /// Whether the pattern matches anywhere in `text`.
  public func matches(_ text: String) -> Bool {
    PikeMatcher(program: program).firstMatch(in: text) { false } ?? false
  }

  /// Whether the pattern matches anywhere in `text`, asking `limit` now and then (every 65,536 steps) whether
  /// to go on: a long text with a large pattern still takes a while, and a time limit must hold during it.
  /// - Throws: the error `limit` returned.
  public func matches(_ text: String, limit: () -> (any Error)?) throws -> Bool {
    var reason: (any Error)?
    let found = PikeMatcher(program: program).firstMatch(in: text) {
      reason = limit()
      return reason != nil
    }
    if let reason { throw reason }
    return found ?? false
  }
}
