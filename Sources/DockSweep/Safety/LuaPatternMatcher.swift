import FoundationEssentials
import Glibc
import LuaBridge

/// Lua 5.4's pattern matching (the matcher behind `string.find`, `match`, `gmatch` and `gsub`), with
/// a step budget: every few thousand steps it asks `limit`, so a pattern that backtracks for ever
/// (`(".-"):rep(25) .. "b"` against a long string) stops at `--timeout` or Ctrl-C like Lua code does.
/// The C library's matcher runs inside one C call, where no hook can reach it.
///
/// Positions are 0-based byte offsets; the same rules and error messages as `lstrlib.c`.
struct LuaPatternMatcher {
  /// A capture: where it starts and its length, or one of the two markers.
  struct Capture {
    var start: Int
    var length: Int
  }

  static let unfinished = -1
  static let position = -2
  static let maxCaptures = 32
  static let maxDepth = 200
  /// Steps between two questions to `limit`.
  static let stepsPerCheck = 4096

  let subject: [UInt8]
  let pattern: [UInt8]
  let limit: () -> (any Error)?
  private(set) var captures: [Capture] = []
  private var depth = maxDepth
  private var steps = 0

  init(subject: [UInt8], pattern: [UInt8], limit: @escaping () -> (any Error)?) {
    self.subject = subject
    self.pattern = pattern
    self.limit = limit
  }

  /// The first match at a position from `from` on (only at `from` when `anchored`) whose end is not
  /// `notEndingAt`: its start and end (exclusive). Captures are then in ``captures``.
  mutating func search(from: Int, anchored: Bool, notEndingAt: Int?) throws -> (start: Int, end: Int)? {
    var s = from
    while s <= subject.count {
      captures.removeAll(keepingCapacity: true)
      depth = Self.maxDepth
      if let e = try match(s, 0), e != notEndingAt { return (s, e) }
      if anchored { return nil }
      s += 1
    }
    return nil
  }

  /// Capture `i` of the match `start..<end` as Lua gets it: a string, a position (1-based), or `false`
  /// for a capture left unfinished (an error only where the capture is used, as in the C library).
  /// With no captures, capture 0 is the whole match.
  func capture(_ i: Int, start: Int, end: Int) throws -> LuaValue {
    if i >= captures.count {
      guard i == 0 else { throw LuaRuntimeError("invalid capture index %\(i + 1)") }
      return .bytes(Array(subject[start..<end]))
    }
    let c = captures[i]
    if c.length == Self.unfinished { return .boolean(false) }
    if c.length == Self.position { return .integer(Int64(c.start + 1)) }
    return .bytes(Array(subject[c.start..<(c.start + c.length)]))
  }

  // MARK: The matcher

  private func p(_ i: Int) -> UInt8 { i < pattern.count ? pattern[i] : 0 }
  private func s(_ i: Int) -> UInt8 { i < subject.count ? subject[i] : 0 }

  private mutating func step() throws {
    steps += 1
    if steps % Self.stepsPerCheck == 0, let reason = limit() { throw reason }
  }

  private func classEnd(_ start: Int) throws -> Int {
    var i = start
    let c = p(i)
    i += 1
    if c == UInt8(ascii: "%") {
      if i >= pattern.count { throw LuaRuntimeError("malformed pattern (ends with '%')") }
      return i + 1
    }
    if c == UInt8(ascii: "[") {
      if p(i) == UInt8(ascii: "^") { i += 1 }
      repeat {
        if i >= pattern.count { throw LuaRuntimeError("malformed pattern (missing ']')") }
        let d = p(i)
        i += 1
        if d == UInt8(ascii: "%") && i < pattern.count { i += 1 }
      } while p(i) != UInt8(ascii: "]")
      return i + 1
    }
    return i
  }

  static func matchClass(_ c: UInt8, _ cl: UInt8) -> Bool {
    let lower = cl | 0x20
    let result: Bool
    switch lower {
    case UInt8(ascii: "a"): result = isalpha(Int32(c)) != 0
    case UInt8(ascii: "c"): result = iscntrl(Int32(c)) != 0
    case UInt8(ascii: "d"): result = isdigit(Int32(c)) != 0
    case UInt8(ascii: "g"): result = isgraph(Int32(c)) != 0
    case UInt8(ascii: "l"): result = islower(Int32(c)) != 0
    case UInt8(ascii: "p"): result = ispunct(Int32(c)) != 0
    case UInt8(ascii: "s"): result = isspace(Int32(c)) != 0
    case UInt8(ascii: "u"): result = isupper(Int32(c)) != 0
    case UInt8(ascii: "w"): result = isalnum(Int32(c)) != 0
    case UInt8(ascii: "x"): result = isxdigit(Int32(c)) != 0
    default: return cl == c
    }
    return isupper(Int32(cl)) != 0 ? !result : result
  }

  /// Whether `c` is in the set `[...]` at `start`, whose `]` is at `end`.
  private func matchBracketClass(_ c: UInt8, _ start: Int, _ end: Int) -> Bool {
    var i = start
    var sig = true
    if p(i + 1) == UInt8(ascii: "^") {
      sig = false
      i += 1
    }
    i += 1
    while i < end {
      if p(i) == UInt8(ascii: "%") {
        i += 1
        if Self.matchClass(c, p(i)) { return sig }
      } else if p(i + 1) == UInt8(ascii: "-") && i + 2 < end {
        i += 2
        if p(i - 2) <= c && c <= p(i) { return sig }
      } else if p(i) == c {
        return sig
      }
      i += 1
    }
    return !sig
  }

  private func singleMatch(_ si: Int, _ pi: Int, _ ep: Int) -> Bool {
    guard si < subject.count else { return false }
    let c = subject[si]
    switch p(pi) {
    case UInt8(ascii: "."): return true
    case UInt8(ascii: "%"): return Self.matchClass(c, p(pi + 1))
    case UInt8(ascii: "["): return matchBracketClass(c, pi, ep - 1)
    default: return p(pi) == c
    }
  }

  private func matchBalance(_ si: Int, _ pi: Int) throws -> Int? {
    if pi >= pattern.count - 1 { throw LuaRuntimeError("malformed pattern (missing arguments to '%b')") }
    guard si < subject.count, subject[si] == p(pi) else { return nil }
    let b = p(pi)
    let e = p(pi + 1)
    var count = 1
    var i = si + 1
    while i < subject.count {
      if subject[i] == e {
        count -= 1
        if count == 0 { return i + 1 }
      } else if subject[i] == b {
        count += 1
      }
      i += 1
    }
    return nil
  }

  private mutating func maxExpand(_ si: Int, _ pi: Int, _ ep: Int) throws -> Int? {
    var i = 0
    while singleMatch(si + i, pi, ep) {
      i += 1
      try step()
    }
    while i >= 0 {
      if let res = try match(si + i, ep + 1) { return res }
      i -= 1
    }
    return nil
  }

  private mutating func minExpand(_ start: Int, _ pi: Int, _ ep: Int) throws -> Int? {
    var si = start
    while true {
      if let res = try match(si, ep + 1) { return res }
      if singleMatch(si, pi, ep) { si += 1 } else { return nil }
    }
  }

  private mutating func startCapture(_ si: Int, _ pi: Int, _ what: Int) throws -> Int? {
    if captures.count >= Self.maxCaptures { throw LuaRuntimeError("too many captures") }
    captures.append(Capture(start: si, length: what))
    let res = try match(si, pi)
    if res == nil { captures.removeLast() }
    return res
  }

  private mutating func endCapture(_ si: Int, _ pi: Int) throws -> Int? {
    guard let l = captures.lastIndex(where: { $0.length == Self.unfinished }) else {
      throw LuaRuntimeError("invalid pattern capture")
    }
    captures[l].length = si - captures[l].start
    let res = try match(si, pi)
    if res == nil { captures[l].length = Self.unfinished }
    return res
  }

  private func matchCapture(_ si: Int, _ digit: UInt8) throws -> Int? {
    let l = Int(digit) - Int(UInt8(ascii: "1"))
    guard l >= 0, l < captures.count, captures[l].length != Self.unfinished else {
      throw LuaRuntimeError("invalid capture index %\(l + 1)")
    }
    let c = captures[l]
    // A position capture has no text: it never matches again.
    guard c.length >= 0 else { return nil }
    let length = c.length
    if subject.count - si >= length && subject[c.start..<(c.start + length)] == subject[si..<(si + length)] {
      return si + length
    }
    return nil
  }

  /// The end of a match of the pattern from `pi` on at subject position `start`, or nil.
  private mutating func match(_ start: Int, _ patternStart: Int) throws -> Int? {
    try step()
    if depth == 0 { throw LuaRuntimeError("pattern too complex") }
    depth -= 1
    defer { depth += 1 }
    var si = start
    var pi = patternStart
    while true {
      if pi == pattern.count { return si }
      switch p(pi) {
      case UInt8(ascii: "("):
        if p(pi + 1) == UInt8(ascii: ")") { return try startCapture(si, pi + 2, Self.position) }
        return try startCapture(si, pi + 1, Self.unfinished)
      case UInt8(ascii: ")"):
        return try endCapture(si, pi + 1)
      case UInt8(ascii: "$") where pi + 1 == pattern.count:
        return si == subject.count ? si : nil
      case UInt8(ascii: "%") where p(pi + 1) == UInt8(ascii: "b"):
        guard let e = try matchBalance(si, pi + 2) else { return nil }
        si = e
        pi += 4
        continue
      case UInt8(ascii: "%") where p(pi + 1) == UInt8(ascii: "f"):
        pi += 2
        if p(pi) != UInt8(ascii: "[") { throw LuaRuntimeError("missing '[' after '%f' in pattern") }
        let ep = try classEnd(pi)
        let previous: UInt8 = si == 0 ? 0 : subject[si - 1]
        if !matchBracketClass(previous, pi, ep - 1) && matchBracketClass(s(si), pi, ep - 1) {
          pi = ep
          continue
        }
        return nil
      case UInt8(ascii: "%") where isdigit(Int32(p(pi + 1))) != 0:
        guard let e = try matchCapture(si, p(pi + 1)) else { return nil }
        si = e
        pi += 2
        continue
      default:
        let ep = try classEnd(pi)
        let suffix = p(ep)
        if !singleMatch(si, pi, ep) {
          if suffix == UInt8(ascii: "*") || suffix == UInt8(ascii: "?") || suffix == UInt8(ascii: "-") {
            pi = ep + 1
            continue
          }
          return nil
        }
        switch suffix {
        case UInt8(ascii: "?"):
          if let res = try match(si + 1, ep + 1) { return res }
          pi = ep + 1
          continue
        case UInt8(ascii: "+"): return try maxExpand(si + 1, pi, ep)
        case UInt8(ascii: "*"): return try maxExpand(si, pi, ep)
        case UInt8(ascii: "-"): return try minExpand(si, pi, ep)
        default:
          si += 1
          pi = ep
          continue
        }
      }
    }
  }
}
