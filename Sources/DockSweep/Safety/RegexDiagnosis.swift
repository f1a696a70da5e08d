/// Explains why a pattern does not compile, with the position of the fault
/// (NSRegularExpression only says that it failed).
enum RegexDiagnosis {
  static func explain(_ pattern: String) -> String {
    var depth = 0
    var openAt: [Int] = []
    var inClass = false
    var escaped = false
    var lastQuantifiable = false
    for (i, c) in pattern.enumerated() {
      let position = i + 1
      if escaped {
        escaped = false
        lastQuantifiable = true
        continue
      }
      switch c {
      case "\\":
        escaped = true
      case "[" where !inClass:
        inClass = true
        openAt.append(position)
      case "]" where inClass:
        inClass = false
        openAt.removeLast()
        lastQuantifiable = true
      case "(" where !inClass:
        depth += 1
        openAt.append(position)
        lastQuantifiable = false
        continue
      case ")" where !inClass:
        if depth == 0 { return "unmatched ')' at position \(position)" }
        depth -= 1
        openAt.removeLast()
        lastQuantifiable = true
        continue
      case "*" where !inClass, "+" where !inClass, "?" where !inClass:
        if !lastQuantifiable { return "nothing to repeat before '\(c)' at position \(position)" }
        lastQuantifiable = c == "?" ? true : false
        continue
      default:
        break
      }
      lastQuantifiable = !inClass || c == "]"
    }
    if escaped { return "trailing backslash at position \(pattern.count)" }
    if inClass, let p = openAt.last { return "unterminated '[' opened at position \(p)" }
    if depth > 0, let p = openAt.last { return "missing ')' for '(' at position \(p)" }
    return "the pattern does not compile"
  }
}
