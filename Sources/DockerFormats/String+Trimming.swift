extension StringProtocol {
  /// The text without white space (spaces, tabs, line breaks) at either end. Inlinable, so that callers
  /// get it specialized: the generic version looks up the text's index type at run time on first use.
  @inlinable
  public func trimmingWhitespace() -> String {
    guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace })
    else { return "" }
    return String(self[first...last])
  }
}
