import Testing

@testable import DockerFormats

@Suite struct GoDurationTests {
  private static let second: Int64 = 1_000_000_000
  private static let minute = 60 * second
  private static let hour = 60 * minute

  static let goCases: [(String, Int64)] = [
    ("0", Int64(0)), ("+0", 0), ("-0", 0), ("0s", 0), ("1ns", 1), ("1us", 1_000), ("1\u{00B5}s", 1_000),
    ("1\u{03BC}s", 1_000), ("1ms", 1_000_000), ("1s", second), ("1m", minute), ("1h", hour),
    ("168h", 168 * hour), ("90m", 90 * minute), ("1h30m", 90 * minute), ("1.5h", 90 * minute),
    ("-1.5h", -90 * minute), ("+5m", 5 * minute), (".5s", second / 2), ("5.s", 5 * second),
    ("1.004s", 1_004_000_000), ("100.00100s", 100 * second + second / 1000), ("1h1m1s1ms1us1ns", 3_661_001_001_001),
    ("0.3333333333333333333h", 20 * minute), ("0.100000000000000000000h", 6 * minute),
    ("0.9223372036854775807h", 55 * minute + 20 * second + 413_933_267),
    ("0.9223372036854775808h", 55 * minute + 20 * second + 413_933_267),
    ("9223372036854775807ns", .max), ("-9223372036854775808ns", .min),
    ("2562047h47m16.854775807s", .max), ("10s", 10 * second),
  ]

  @Test(arguments: goCases)
  func parsesGoDurations(text: String, expected: Int64) throws {
    #expect(try GoDuration.parse(text) == expected)
    #expect(try GoDuration.parse(text, allowDaysAndWeeks: true) == expected)
  }

  static let invalidDurations: [String] = [
    "", "3", "-", "+", "s", ".", "-.", ".s", "+.s", "1d", "1w", "1hour", "1h30", "1 h", " 1s", "1s ", "1.2.3s",
    "1h-1s", "1e3s", "3000000h", "9223372036854775808ns", "-9223372036854775809ns", "1H", "1Ms", "00", "--1s",
    "9223372036854775807ns1ns", "99999999999999999999s",
  ]

  @Test(arguments: invalidDurations)
  func rejectsWhatGoRejects(text: String) {
    #expect(throws: GoDuration.ParseError.self) { try GoDuration.parse(text) }
  }

  static let extendedCases: [(String, Int64)] = [
    ("7d", Int64(7 * 24) * hour), ("2w", 2 * 168 * hour), ("1w3d", 10 * 24 * hour), ("1.5d", 36 * hour),
    ("1d12h", 36 * hour), ("-1d", -24 * hour), ("15250w", 15250 * 168 * hour),
  ]

  @Test(arguments: extendedCases)
  func parsesDaysAndWeeksWhenAllowed(text: String, expected: Int64) throws {
    #expect(try GoDuration.parse(text, allowDaysAndWeeks: true) == expected)
    #expect(throws: GoDuration.ParseError.self) { try GoDuration.parse(text) }
  }

  @Test func rejectsOverflowingWeeks() {
    #expect(throws: GoDuration.ParseError.self) { try GoDuration.parse("15251w", allowDaysAndWeeks: true) }
  }

  @Test func errorsNameTheValueAndTheUnits() {
    #expect(throws: GoDuration.ParseError(value: "1hour", reason: "unknown unit \"hour\"", allowsDaysAndWeeks: false)) {
      try GoDuration.parse("1hour")
    }
    #expect(throws: GoDuration.ParseError(value: "1h30", reason: "missing unit", allowsDaysAndWeeks: false)) {
      try GoDuration.parse("1h30")
    }
    #expect(
      GoDuration.ParseError(value: "7x", reason: "unknown unit \"x\"", allowsDaysAndWeeks: true).description
        == #"invalid duration "7x" (unknown unit "x"; expected numbers with units ns, us, ms, s, m, h, d, w, "#
        + "like 90m or 1h30m)")
  }
}
