import Foundation
import Testing

@testable import DockerFormats

@Suite struct HumanDurationTests {
  private static let hour = 3600.0

  static let cases: [(Double, String)] = [
    (-5.0, "Less than a second"), (0, "Less than a second"), (0.999, "Less than a second"),
    (1, "1 second"), (1.9, "1 second"), (2, "2 seconds"), (59, "59 seconds"), (59.999, "59 seconds"),
    (60, "About a minute"), (119, "About a minute"), (119.999, "About a minute"), (120, "2 minutes"),
    (3599, "59 minutes"), (3600, "About an hour"), (5399, "About an hour"), (5400, "2 hours"),
    (47 * hour, "47 hours"), (47.49 * hour, "47 hours"), (47.5 * hour, "2 days"), (48 * hour, "2 days"),
    (71.4 * hour, "2 days"), (71.5 * hour, "3 days"), (72 * hour, "3 days"), (335 * hour, "13 days"),
    (335.5 * hour, "2 weeks"),
    (336 * hour, "2 weeks"), (504 * hour, "3 weeks"), (1439 * hour, "8 weeks"), (1440 * hour, "2 months"),
    (17519 * hour, "24 months"), (17519.5 * hour, "1 years"), (17520 * hour, "2 years"),
    (52560 * hour, "6 years"), (.infinity, "292 years"), (-.infinity, "Less than a second"),
    (.nan, "Less than a second"),
  ]

  @Test(arguments: cases)
  func describesLikeGoUnits(seconds: Double, expected: String) {
    #expect(HumanDuration.describe(seconds: seconds) == expected)
  }

  @Test func describesNanoseconds() {
    #expect(HumanDuration.describe(nanoseconds: 999_999_999) == "Less than a second")
    #expect(HumanDuration.describe(nanoseconds: 1_000_000_000) == "1 second")
    #expect(HumanDuration.describe(nanoseconds: 5_399_999_999_999) == "About an hour")
    #expect(HumanDuration.describe(nanoseconds: 5_400_000_000_000) == "2 hours")
    #expect(HumanDuration.describe(nanoseconds: .max) == "292 years")
    #expect(HumanDuration.describe(nanoseconds: .min) == "Less than a second")
  }

  @Test func agoMeasuresFromTheDateToNow() {
    let created = Date(timeIntervalSince1970: 1_594_080_000)
    #expect(HumanDuration.ago(created, now: created) == "Less than a second ago")
    #expect(HumanDuration.ago(created, now: created.addingTimeInterval(90)) == "About a minute ago")
    #expect(HumanDuration.ago(created, now: created.addingTimeInterval(21 * 86_400)) == "3 weeks ago")
    #expect(HumanDuration.ago(created, now: created.addingTimeInterval(6 * 365 * 86_400)) == "6 years ago")
    #expect(HumanDuration.ago(created, now: created.addingTimeInterval(-3_600)) == "Less than a second ago")
  }
}
