import Foundation
import LinearRegex
import Testing

@Suite struct RegularExpressionTests {
  func matches(_ pattern: String, _ text: String) throws -> Bool {
    try RegularExpression(pattern).matches(text)
  }

  @Test(arguments: [
    ("^app/", "app/web:1", true),
    ("^app/", "x/app/web:1", false),
    ("web", "app/web:1", true),
    ("^registry\\.example\\.com/(app|web):v1\\.", "registry.example.com/web:v1.2", true),
    ("^registry\\.example\\.com/(app|web):v1\\.", "registry-example.com/web:v1.2", false),
    (":latest$", "nginx:latest", true),
    (":latest$", "nginx:latest-alpine", false),
    ("^[a-z0-9._-]+:[0-9]+$", "my.app_x:42", true),
    ("^[a-z0-9._-]+:[0-9]+$", "My.app:42", false),
    ("(?i)^MY\\.APP", "my.app:42", true),
    ("(?i:a)b", "Ab", true),
    ("(?i:a)b", "AB", false),
    ("\\bv1\\b", "app:v1", true),
    ("\\bv1\\b", "app:v10", false),
    ("\\Bv1", "app:xv1", true),
    ("^\\d{2,3}$", "123", true),
    ("^\\d{2,3}$", "1234", false),
    ("^a{2}$", "aa", true),
    ("^a{2,}$", "aaaaa", true),
    ("^a{2,}$", "a", false),
    ("x{", "x{", true),
    ("a{1,2", "a{1,2", true),
    ("[[:digit:]]+", "v12", true),
    ("[[:^alpha:]]", "abc", false),
    ("[^a-c]", "abc", false),
    ("[^a-c]", "abcd", true),
    ("[]a]", "]", true),
    ("[a-]", "-", true),
    ("\\W", "abc_1", false),
    ("\\S\\s\\S", "a b", true),
    ("é+", "cafééé", true),
    ("\\x41\\x{42}\\u0043", "ABC", true),
    ("(a*)*b", "aaab", true),
    ("(a|b)*?c", "ababc", true),
    ("", "anything", true),
    ("^$", "", true),
    ("a.c", "a\nc", false),
    ("(?s)a.c", "a\nc", true),
    ("(?m)^b$", "a\nb\nc", true),
    ("^b$", "a\nb\nc", false),
    ("\\Aab\\z", "ab", true),
    ("(?P<name>x)(?<other>y)", "xy", true),
    ("a\\.b", "axb", false),
  ])
  func matchesAsOtherEnginesDo(_ pattern: String, _ text: String, _ expected: Bool) throws {
    #expect(try matches(pattern, text) == expected, "\(pattern) on \(text)")
  }

  @Test(arguments: [
    ("(", "missing ')' for '(' at position 1"),
    ("a(b", "missing ')' for '(' at position 2"),
    ("ab)", "unmatched ')' at position 3"),
    ("*a", "nothing to repeat before '*' at position 1"),
    ("a|+", "nothing to repeat before '+' at position 3"),
    ("a**", "a repetition of a repetition ('*') at position 3"),
    ("[abc", "unterminated '[' opened at position 1"),
    ("ab\\", "trailing backslash at position 3"),
    ("[z-a]", "range 'z-a' out of order at position 3"),
    ("(a)\\1", "back-references are not supported (matching runs in linear time) at position 4"),
    ("a(?=b)", "look-around is not supported (matching runs in linear time) at position 2"),
    ("a(?<!b)", "look-around is not supported (matching runs in linear time) at position 2"),
    ("a*+", "possessive quantifiers are not supported at position 3"),
    ("\\q", "unknown escape '\\q' at position 1"),
    ("a{1001}", "repetition count over 1000 at position 2"),
    ("a{3,2}", "repetition {3,2} counts down at position 2"),
    ("[[:alfa:]]", "unknown class [:alfa:] at position 2"),
    ("(?x)", "unknown group flag 'x' at position 3"),
    ("((a{1000}){1000})", "pattern too large (over 20000 steps once repetitions are counted) at position 1"),
  ])
  func refusesWithTheFaultAndItsPosition(_ pattern: String, _ message: String) {
    #expect(throws: RegexSyntaxError.self) { try RegularExpression(pattern) }
    do {
      _ = try RegularExpression(pattern)
    } catch {
      #expect(error.description == message)
    }
  }

  /// Patterns that take exponential time in a backtracking engine take linear time here.
  @Test func hostilePatternsMatchInLinearTime() throws {
    let name = String(repeating: "a", count: 5000)
    for pattern in ["(a|aa)+$", "(a+)+b", "(a*)*b", "(a|a?)+b", "^(\\w+\\s?)*$", "(.*a){20}x"] {
      let regex = try RegularExpression(pattern)
      var checks = 0
      let found = try regex.matches(name + "!") {
        checks += 1
        return nil
      }
      #expect(!found, "\(pattern)")
      #expect(checks < 2000, "\(pattern): \(checks) checks is more than linear work")
    }
    #expect(try RegularExpression("(a|aa)+$").matches(name))
  }

  struct Stop: Error {}

  /// The limit is asked during a long match, and its reason ends it.
  @Test func aLimitStopsALongMatch() throws {
    let regex = try RegularExpression("(a?){500}b")
    let text = String(repeating: "a", count: 20_000)
    var asked = 0
    #expect(throws: Stop.self) {
      _ = try regex.matches(text) {
        asked += 1
        return asked >= 3 ? Stop() : nil
      }
    }
    #expect(asked == 3)
  }

  /// The same answers as ICU (Foundation's engine) on random patterns of the common syntax over a small
  /// alphabet. Groups get no loops (`*`, `+`, `{m,n}`): ICU misses matches when a looped group can match
  /// empty (`(^[ab]*|[^a]{1,2})*?$\b` finds nothing in "ccaca", though `$\b` alone matches it).
  @Test func agreesWithICUOnRandomPatterns() throws {
    var random = SplitMix(seed: 0x5EED)
    let alphabet = ["a", "b", "c", "."]
    for _ in 0..<3000 {
      let pattern = randomPattern(&random, depth: 3)
      let text = String((0..<random.below(8)).map { _ in Character(alphabet[random.below(3)]) })
      let icu = try NSRegularExpression(pattern: pattern)
      let expected = icu.firstMatch(in: text, range: NSRange(location: 0, length: text.utf16.count)) != nil
      #expect(try matches(pattern, text) == expected, "pattern \(pattern) on \"\(text)\"")
    }
  }

  func randomPattern(_ random: inout SplitMix, depth: Int) -> String {
    let atoms = ["a", "b", "c", ".", "[ab]", "[^a]", "\\w", "^", "$", "\\b", "(?i)A"]
    var pattern = ""
    for _ in 0..<(1 + random.below(3)) {
      var atom = atoms[random.below(atoms.count)]
      if depth > 0, random.below(4) == 0 {
        atom = "(" + randomPattern(&random, depth: depth - 1) + "|" + randomPattern(&random, depth: depth - 1) + ")"
        atom += ["", "?"][random.below(2)]
      } else if !["^", "$", "\\b", "(?i)A"].contains(atom) {
        atom += ["", "", "*", "+", "?", "{1,2}", "*?"][random.below(7)]
      }
      pattern += atom
    }
    return pattern
  }
}

/// A small seeded generator, so a failure is reproducible.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}
