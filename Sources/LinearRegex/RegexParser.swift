/// Reads a pattern in the syntax of RE2 and Go's `regexp` (which the docker CLI's own code uses), the common
/// ground of ICU, PCRE and POSIX: literals and escapes, `.`, classes with ranges, `\d \w \s` and `[:alpha:]`,
/// anchors `^ $ \A \z \b \B`, groups `( )`, `(?: )`, `(?<name> )`, flags `(?i)`, `(?s)`, `(?m)` and
/// `(?i: )`, alternation, and the quantifiers `* + ? {n} {n,} {n,m}` (lazy forms too).
///
/// Refused with a reason, because no matcher that runs in linear time can have them: back-references,
/// look-around and possessive quantifiers.
struct RegexParser {
  /// The largest count a `{n,m}` may give.
  static let maximumRepeat = 1000

  private struct Flags {
    var caseInsensitive = false
    var dotAll = false
    var multiline = false
  }

  private let scalars: [Unicode.Scalar]
  private var index = 0
  private var flags = Flags()

  init(_ pattern: String) {
    scalars = Array(pattern.unicodeScalars)
  }

  mutating func parse() throws(RegexSyntaxError) -> RegexNode {
    let node = try alternation()
    if index < scalars.count {
      // Only an unmatched `)` stops the top-level alternation early.
      throw RegexSyntaxError("unmatched ')'", at: index + 1)
    }
    return node
  }

  // MARK: Structure

  /// `a|b|c` up to a `)` (left for the caller) or the end.
  private mutating func alternation() throws(RegexSyntaxError) -> RegexNode {
    var branches = [try concatenation()]
    while peek == "|" {
      index += 1
      branches.append(try concatenation())
    }
    return branches.count == 1 ? branches[0] : .alternation(branches)
  }

  private mutating func concatenation() throws(RegexSyntaxError) -> RegexNode {
    var items: [RegexNode] = []
    while let c = peek, c != "|", c != ")" {
      guard let atom = try atom() else { continue }
      items.append(try quantified(atom))
    }
    switch items.count {
    case 0: return .empty
    case 1: return items[0]
    default: return .concatenation(items)
    }
  }

  /// One atom, or nil for a construct that only changed the flags (`(?i)`).
  private mutating func atom() throws(RegexSyntaxError) -> RegexNode? {
    let position = index + 1
    let c = scalars[index]
    index += 1
    switch c {
    case "(": return try group(openedAt: position)
    case "[": return .set(try characterClass(openedAt: position))
    case ".": return .any(dotAll: flags.dotAll)
    case "^": return .assertion(flags.multiline ? .lineStart : .textStart)
    case "$": return .assertion(flags.multiline ? .lineEnd : .textEnd)
    case "\\": return try escape(at: position, inClass: false)
    case "*", "+", "?": throw RegexSyntaxError("nothing to repeat before '\(c)'", at: position)
    default: return literal(c)
    }
  }

  private func literal(_ c: Unicode.Scalar) -> RegexNode {
    flags.caseInsensitive ? .set(ScalarSet(c, caseInsensitive: true)) : .literal(c)
  }

  private mutating func group(openedAt position: Int) throws(RegexSyntaxError) -> RegexNode? {
    let saved = flags
    if peek == "?" {
      index += 1
      switch peek {
      case ":":
        index += 1
      case "<" where peek(1) == "=" || peek(1) == "!", "=", "!":
        throw RegexSyntaxError("look-around is not supported (matching runs in linear time)", at: position)
      case "<", "P":
        if peek == "P" { index += 1 }
        guard peek == "<", let end = scalars[index...].firstIndex(of: ">") else {
          throw RegexSyntaxError("bad group name", at: position)
        }
        index = end + 1
      default:
        // Flags: `(?i)` changes the rest of the enclosing group, `(?i:...)` only its own.
        var on = true
        while let f = peek, f != ")", f != ":" {
          switch f {
          case "i": flags.caseInsensitive = on
          case "s": flags.dotAll = on
          case "m": flags.multiline = on
          case "-" where on: on = false
          default: throw RegexSyntaxError("unknown group flag '\(f)'", at: index + 1)
          }
          index += 1
        }
        guard let f = peek else { throw RegexSyntaxError("missing ')' for '('", at: position) }
        index += 1
        if f == ")" { return nil }
      }
    }
    let inner = try alternation()
    guard peek == ")" else { throw RegexSyntaxError("missing ')' for '('", at: position) }
    index += 1
    flags = saved
    return inner
  }

  // MARK: Quantifiers

  private mutating func quantified(_ atom: RegexNode) throws(RegexSyntaxError) -> RegexNode {
    var node = atom
    var quantifiers = 0
    while let c = peek {
      let position = index + 1
      let bounds: (Int, Int?)
      switch c {
      case "*": bounds = (0, nil)
      case "+": bounds = (1, nil)
      case "?": bounds = (0, 1)
      case "{":
        guard let counted = try counted() else { return node }
        bounds = counted
      default: return node
      }
      if c != "{" { index += 1 }
      if case .assertion = atom {
        throw RegexSyntaxError("nothing to repeat before '\(c)'", at: position)
      }
      quantifiers += 1
      if quantifiers > 1 {
        throw RegexSyntaxError("a repetition of a repetition ('\(c)')", at: position)
      }
      node = .repetition(node, min: bounds.0, max: bounds.1)
      if peek == "?" {
        index += 1  // lazy: the same answer to "does it occur"
      } else if peek == "+" {
        throw RegexSyntaxError("possessive quantifiers are not supported", at: index + 1)
      }
    }
    return node
  }

  /// `{n}`, `{n,}` or `{n,m}` at the cursor, consumed; nil (nothing consumed) when the brace is a literal.
  private mutating func counted() throws(RegexSyntaxError) -> (Int, Int?)? {
    let position = index + 1
    var cursor = index + 1
    func number() -> Int? {
      var value: Int?
      while cursor < scalars.count, ("0"..."9").contains(scalars[cursor]) {
        value = min((value ?? 0) * 10 + Int(scalars[cursor].value - 48), 100_000)
        cursor += 1
      }
      return value
    }
    guard let low = number() else { return nil }
    var high: Int? = low
    if cursor < scalars.count, scalars[cursor] == "," {
      cursor += 1
      high = number()
    }
    guard cursor < scalars.count, scalars[cursor] == "}" else { return nil }
    index = cursor + 1
    if low > Self.maximumRepeat || (high ?? 0) > Self.maximumRepeat {
      throw RegexSyntaxError("repetition count over \(Self.maximumRepeat)", at: position)
    }
    if let high, high < low { throw RegexSyntaxError("repetition {\(low),\(high)} counts down", at: position) }
    return (low, high)
  }

  // MARK: Classes and escapes

  private mutating func characterClass(openedAt position: Int) throws(RegexSyntaxError) -> ScalarSet {
    var set = ScalarSet(negated: peek == "^")
    if set.negated { index += 1 }
    set.caseInsensitive = flags.caseInsensitive
    var first = true
    while true {
      guard let c = peek else { throw RegexSyntaxError("unterminated '[' opened", at: position) }
      if c == "]" && !first {
        index += 1
        break
      }
      first = false
      if c == "[", peek(1) == ":", let named = try posixClass() {
        set.insert(contentsOf: named)
        continue
      }
      let low = try classMember()
      guard case .scalar(let lowScalar) = low else {
        if case .set(let named) = low { set.insert(contentsOf: named) }
        continue
      }
      if peek == "-", let after = peek(1), after != "]" {
        let dashAt = index + 1
        index += 1
        guard case .scalar(let highScalar) = try classMember() else {
          throw RegexSyntaxError("bad range in class", at: dashAt)
        }
        guard highScalar.value >= lowScalar.value else {
          throw RegexSyntaxError("range '\(lowScalar)-\(highScalar)' out of order", at: dashAt)
        }
        set.insert(lowScalar.value...highScalar.value)
      } else {
        set.insert(lowScalar.value...lowScalar.value)
      }
    }
    set.seal()
    return set
  }

  private enum ClassMember {
    case scalar(Unicode.Scalar)
    case set(ScalarSet)
  }

  private mutating func classMember() throws(RegexSyntaxError) -> ClassMember {
    let position = index + 1
    let c = scalars[index]
    index += 1
    guard c == "\\" else { return .scalar(c) }
    switch try escape(at: position, inClass: true) {
    case .literal(let s): return .scalar(s)
    case .set(let s): return .set(s)
    default: throw RegexSyntaxError("this escape cannot stand in a class", at: position)
    }
  }

  /// `[:name:]` inside a class, consumed; nil when the text is not one.
  private mutating func posixClass() throws(RegexSyntaxError) -> ScalarSet? {
    guard let close = scalars[index...].firstIndex(of: "]"), close >= index + 4, scalars[close - 1] == ":" else {
      return nil
    }
    var name = String(String.UnicodeScalarView(scalars[(index + 2)..<(close - 1)]))
    let negated = name.hasPrefix("^")
    if negated { name.removeFirst() }
    guard let set = ScalarSet.posix[name] else {
      throw RegexSyntaxError("unknown class [:\(name):]", at: index + 1)
    }
    index = close + 1
    return negated ? set.inverted() : set
  }

  /// The escape after a backslash at `position` (the backslash already consumed).
  private mutating func escape(at position: Int, inClass: Bool) throws(RegexSyntaxError) -> RegexNode {
    guard let c = peek else { throw RegexSyntaxError("trailing backslash", at: position) }
    index += 1
    switch c {
    case "d": return .set(ScalarSet.digit)
    case "D": return .set(ScalarSet.digit.inverted())
    case "w": return .set(ScalarSet.word)
    case "W": return .set(ScalarSet.word.inverted())
    case "s": return .set(ScalarSet.space)
    case "S": return .set(ScalarSet.space.inverted())
    case "t": return .literal("\t")
    case "n": return .literal("\n")
    case "r": return .literal("\r")
    case "f": return .literal("\u{0C}")
    case "v": return .literal("\u{0B}")
    case "a": return .literal("\u{07}")
    case "e": return .literal("\u{1B}")
    case "x", "u": return .literal(try hexadecimal(c, at: position))
    case "A" where !inClass: return .assertion(.textStart)
    case "z" where !inClass: return .assertion(.textEnd)
    case "b" where !inClass: return .assertion(.wordBoundary)
    case "B" where !inClass: return .assertion(.notWordBoundary)
    case "1"..."9":
      throw RegexSyntaxError("back-references are not supported (matching runs in linear time)", at: position)
    default:
      if c.properties.isAlphabetic || c.properties.numericType != nil {
        throw RegexSyntaxError("unknown escape '\\\(c)'", at: position)
      }
      return inClass ? .literal(c) : literal(c)
    }
  }

  /// `\xHH`, `\x{H...}` or `\uHHHH`, the letter already consumed.
  private mutating func hexadecimal(_ letter: Unicode.Scalar, at position: Int) throws(RegexSyntaxError)
    -> Unicode.Scalar
  {
    var digits = ""
    if letter == "x", peek == "{" {
      guard let close = scalars[index...].firstIndex(of: "}") else {
        throw RegexSyntaxError("missing '}' in '\\x{'", at: position)
      }
      digits = String(String.UnicodeScalarView(scalars[(index + 1)..<close]))
      index = close + 1
    } else {
      let count = letter == "x" ? 2 : 4
      guard index + count <= scalars.count else {
        throw RegexSyntaxError("'\\\(letter)' needs \(count) hexadecimal digits", at: position)
      }
      digits = String(String.UnicodeScalarView(scalars[index..<(index + count)]))
      index += count
    }
    guard let value = UInt32(digits, radix: 16), let scalar = Unicode.Scalar(value) else {
      throw RegexSyntaxError("bad hexadecimal escape '\\\(letter)\(digits)'", at: position)
    }
    return scalar
  }

  // MARK: Cursor

  private var peek: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

  private func peek(_ ahead: Int) -> Unicode.Scalar? {
    index + ahead < scalars.count ? scalars[index + ahead] : nil
  }
}
