import Foundation
import Testing

@testable import DockerFormats

@Suite struct TimeValueTests {
  /// 2023-11-14T22:13:20.25Z.
  private static let now = Date(timeIntervalSince1970: 1_700_000_000.25)
  private static let plusTwo = TimeZone(secondsFromGMT: 7_200)!
  /// 2020-07-07T00:00:00Z.
  private static let july7 = 1_594_080_000.0

  private func unix(_ text: String, zone: TimeZone = plusTwo) throws -> Double {
    try TimeValue.parse(text, now: Self.now, timeZone: zone).timeIntervalSince1970
  }

  static let durationCases: [(String, Double)] = [
    ("168h", 1_699_395_200.0), ("1h30m", 1_699_994_600), ("1.5s", 1_699_999_998), ("0s", 1_700_000_000),
    ("-1h", 1_700_003_600), ("300ms", 1_699_999_999), ("7d", 1_699_395_200), ("2w", 1_698_790_400),
    ("1w3d", 1_699_136_000), ("1.5d", 1_699_870_400), ("1d12h", 1_699_870_400), ("-1d", 1_700_086_400),
  ]

  @Test(arguments: durationCases)
  func durationsCountBackFromNowInWholeSeconds(text: String, expected: Double) throws {
    #expect(try unix(text) == expected)
  }

  static let localCases: [(String, Double)] = [
    ("2020-07-07", july7 - 7_200), ("2020-07-07T15", july7 + 15 * 3_600 - 7_200),
    ("2020-07-07T5", july7 + 5 * 3_600 - 7_200), ("2020-07-07T15:04", july7 + 15 * 3_600 + 4 * 60 - 7_200),
    ("2020-07-07T15:04:05", july7 + 15 * 3_600 + 245 - 7_200),
    ("2020-07-07T15:04:05.5", july7 + 15 * 3_600 + 245.5 - 7_200),
    ("2020-07-07T15:04:05,25", july7 + 15 * 3_600 + 245.25 - 7_200),
    ("2020-07-07T00:00:00.123456789", july7 + 0.123456789 - 7_200),
    ("2020-07-07T00:00:00.1234567891234", july7 + 0.123456789 - 7_200), ("2020-02-29", 1_582_934_400 - 7_200),
    ("0001-01-01", -62_135_596_800 - 7_200),
  ]

  @Test(arguments: localCases)
  func zonelessDatesAreLocal(text: String, expected: Double) throws {
    #expect(abs(try unix(text) - expected) < 1e-6)
  }

  static let zonedCases: [(String, Double)] = [
    ("2020-07-07T00:00:00Z", july7), ("2020-07-07T02:00:00+02:00", july7), ("2020-07-06T19:00:00-05:00", july7),
    ("2020-07-07T00:00:00.5Z", july7 + 0.5), ("2020-07-07T02:00:00.25+02:00", july7 + 0.25),
    ("2020-07-07T00:00:00,5Z", july7 + 0.5), ("2020-07-07Z", july7), ("2020-07-07+02:00", july7 - 7_200),
    ("2020-07-07-05:00", july7 + 18_000), ("2020-07-07T15Z", july7 + 54_000),
    ("2020-07-07T15+01:00", july7 + 50_400), ("2020-07-07T15:04Z", july7 + 54_240),
    ("2020-07-07T15:04+01:00", july7 + 50_640), ("2020-07-07T00:00:00+24:00", july7 - 86_400),
    ("2020-07-07T00:00:00-00:60", july7 + 3_600),
  ]

  @Test(arguments: zonedCases)
  func zonedDatesUseTheirZone(text: String, expected: Double) throws {
    #expect(abs(try unix(text) - expected) < 1e-6)
    #expect(abs(try unix(text, zone: TimeZone(secondsFromGMT: -36_000)!) - expected) < 1e-6)
  }

  static let unixCases: [(String, Double)] = [
    ("0", 0.0), ("1594080000", july7), ("1594080000.5", july7 + 0.5), ("1594080000.000000001", july7),
    ("1594080000.1234567891", july7 + 0.123456789), ("+5", 5), ("00", 0),
  ]

  @Test(arguments: unixCases)
  func unixSeconds(text: String, expected: Double) throws {
    #expect(abs(try unix(text) - expected) < 1e-6)
  }

  @Test func unixSecondsUpToInt64() throws {
    #expect(try unix("9223372036854775807") > 9.2e18)
    #expect(try unix("-0") == 1_700_000_000)  // a duration of zero, unlike "0"
  }

  @Test func zonelessDatesTakeTheOffsetTheZoneHasNow() throws {
    let berlin = try #require(TimeZone(identifier: "Europe/Berlin"))
    // `now` is in November (UTC+1): a July date is read at +1, as the engine does, not at July's +2.
    #expect(try unix("2020-07-07", zone: berlin) == Self.july7 - 3_600)
    let summer = Date(timeIntervalSince1970: Self.july7)
    #expect(try TimeValue.parse("2020-01-01", now: summer, timeZone: berlin).timeIntervalSince1970 == 1_577_829_600)
  }

  static let invalidTimes: [(String, String?)] =
    [
      ("yesterday", nil), ("", nil), ("7days", nil), ("1 d", nil), ("2020-13-01", "month out of range"),
      ("2020-00-01", "month out of range"), ("2020-02-30", "day out of range"), ("2021-02-29", "day out of range"),
      ("2020-07-00", "day out of range"), ("2020-07-07T24", "hour out of range"),
      ("2020-07-07T15:60", "minute out of range"), ("2020-07-07T15:04:60", "second out of range"),
      ("2020-07-07T00:00:00+25:00", "time zone offset hour out of range"),
      ("2020-07-07T00:00:00+01:61", "time zone offset minute out of range"), ("2020-07-07T00:00:00z", nil),
      ("2020-7-7", nil), ("20-07-07", nil), ("2020-07-07T", nil), ("2020-07-07 15:04:05", nil), ("-5", nil),
      ("1.", nil), (".5", nil), ("1.5.5", nil), ("1e9", nil), ("9223372036854775808", nil),
      ("2020-07-07T15:04:05.", nil),
      ("2020-07-07T15:04:05Z07:00", nil), ("2020-07-07T150405", nil), ("2020/07/07", nil), ("１２３", nil),
    ] as [(String, String?)]

  @Test(arguments: invalidTimes)
  func rejectsOthers(text: String, reason: String?) {
    #expect(throws: TimeValue.ParseError(value: text, reason: reason)) {
      try TimeValue.parse(text, now: Self.now, timeZone: Self.plusTwo)
    }
  }

  @Test func errorsNameTheValueAndTheForms() {
    let expected =
      "expected a duration like 168h, 90m, 7d, 2w, a date like 2020-07-07 or 2020-07-07T00:00:00, RFC3339, "
      + "or unix seconds"
    #expect(
      TimeValue.ParseError(value: "yesterday", reason: nil).description == "invalid time \"yesterday\" (\(expected))")
    #expect(
      TimeValue.ParseError(value: "2020-02-30", reason: "day out of range").description
        == "invalid time \"2020-02-30\" (day out of range; \(expected))")
  }

  static let filterCases: [(String, String)] = [
    ("168h", "168h"), ("1h30m", "1h30m"), ("-5m", "-5m"), ("0", "0"), ("0s", "0s"), ("7d", "1699395200"),
    ("2w", "1698790400"), ("1w3d", "1699136000"), ("1.5d", "1699870400"), ("-1d", "1700086400"),
    ("2020-07-07", "2020-07-07"), ("2020-07-07T00:00:00", "2020-07-07T00:00:00"),
    ("2020-07-07T00:00:00Z", "2020-07-07T00:00:00Z"), ("1594080000.5", "1594080000.5"), ("+5", "+5"),
  ]

  @Test(arguments: filterCases)
  func engineFilterValueConvertsOnlyDaysAndWeeks(text: String, expected: String) throws {
    #expect(try TimeValue.engineFilterValue(text, now: Self.now) == expected)
  }

  @Test func engineFilterValueRejectsInvalidValues() {
    #expect(throws: TimeValue.ParseError(value: "yesterday", reason: nil)) {
      try TimeValue.engineFilterValue("yesterday", now: Self.now)
    }
    #expect(throws: TimeValue.ParseError(value: "2020-02-30", reason: "day out of range")) {
      try TimeValue.engineFilterValue("2020-02-30", now: Self.now)
    }
  }

  @Test func durationsBeforeTheEpochWork() throws {
    let early = Date(timeIntervalSince1970: 10.5)
    #expect(try TimeValue.parse("11s", now: early).timeIntervalSince1970 == -1)
    #expect(try TimeValue.engineFilterValue("1d", now: early) == "-86390")
  }
}
