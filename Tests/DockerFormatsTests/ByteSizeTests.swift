import Foundation
import TestImages
import Testing

@testable import DockerFormats

@Suite struct ByteSizeTests {
  static let formatCases: [(Int64, Int, String)] = [
    (Int64(0), 3, "0B"), (0, 4, "0B"), (1, 3, "1B"), (999, 3, "999B"), (1000, 3, "1kB"),
    (1020, 3, "1.02kB"), (1024, 3, "1.02kB"), (2125, 3, "2.12kB"), (100_000, 3, "100kB"),
    (1_005_000, 3, "1MB"), (1_015_000, 3, "1.01MB"), (1_234_567, 3, "1.23MB"), (1_234_567, 4, "1.235MB"),
    (752_000_000, 3, "752MB"), (999_400_000, 3, "999MB"), (999_500_000, 3, "1e+03MB"),
    (999_600_000, 3, "1e+03MB"), (999_950_000, 4, "1000MB"), (999_999, 4, "1000kB"),
    (1_500_000_000, 3, "1.5GB"), (7_813_000_000, 3, "7.81GB"), (7_813_000_000, 4, "7.813GB"),
    (359_100_000, 4, "359.1MB"), (16_430_000, 4, "16.43MB"), (123_456_789_012, 4, "123.5GB"),
    (1_000_000_000_000_000_000, 3, "1EB"), (Int64.max, 3, "9.22EB"), (Int64.max, 4, "9.223EB"),
    (-1, 3, "-1B"), (-5000, 3, "-5e+03B"), (1_500, 0, "2kB"), (1_500, -3, "2kB"),
  ]

  @Test(arguments: formatCases)
  func formatsLikeGoUnits(bytes: Int64, precision: Int, expected: String) {
    #expect(ByteSize.format(bytes, precision: precision) == expected)
  }

  @Test func formatsDoublesBeyondInt64() {
    #expect(ByteSize.format(1e24, precision: 3) == "1YB")
    #expect(ByteSize.format(1e27, precision: 3) == "1e+03YB")
    #expect(ByteSize.format(0.5, precision: 3) == "0.5B")
    #expect(ByteSize.format(2.5e-5, precision: 3) == "2.5e-05B")
    #expect(ByteSize.format(Double.nan, precision: 3) == "NaNB")
    #expect(ByteSize.format(Double.infinity, precision: 3) == "+InfYB")
    #expect(ByteSize.format(-Double.infinity, precision: 3) == "-InfB")
  }

  /// The integer rounding agrees with printf on random values, on sizes divided down as `format` does,
  /// and on exact ties (which round half to even).
  @Test func integerRoundingAgreesWithPrintf() {
    var random = SplitMix64(seed: 21)
    var values: [Double] = [1, 1.0005, 999.95, 999.5, 9.9995, 1.125, 1.375, 2.675, 99.95, 9999.5, 1234.5, 1.5, 2.5]
    for _ in 0..<60_000 {
      switch Int.random(in: 0..<3, using: &random) {
      case 0: values.append(Double.random(in: 1..<10_000, using: &random))
      case 1:
        values.append(
          Double(Int.random(in: 1..<100_000, using: &random)) / [1, 10, 100, 1000, 10000].randomElement(using: &random)!
        )
      default:
        var size = Double(Int64.random(in: 1..<Int64.max, using: &random) >> Int.random(in: 0..<60, using: &random))
        while size >= 1000 { size /= 1000 }
        values.append(size)
      }
    }
    var mismatches: [String] = []
    var checked = 0
    for value in values {
      for precision in 1...4 {
        guard let ours = ByteSize.shortG(value, precision: precision) else { continue }
        checked += 1
        let printf = String(format: "%.\(precision)g", value)
        if ours != printf && mismatches.count < 10 {
          mismatches.append("\(value) %.\(precision)g: \(ours) vs \(printf)")
        }
      }
    }
    #expect(mismatches.isEmpty)
    #expect(checked > 100_000)
    #expect(ByteSize.shortG(0.5, precision: 3) == nil)
    #expect(ByteSize.shortG(1000, precision: 3) == nil)
    #expect(ByteSize.shortG(5, precision: 5) == nil)
  }

  @Test func acceptsLiteralsOfEitherType() {
    #expect(ByteSize.format(1500, precision: 3) == "1.5kB")
    #expect(ByteSize.format(1500.5, precision: 5) == "1.5005kB")
  }

  @Test func imageAndDfPrecisions() {
    #expect(ByteSize.image(7_813_000_000) == "7.81GB")
    #expect(ByteSize.df(7_813_000_000) == "7.813GB")
    #expect(ByteSize.image(1_020) == "1.02kB")
    #expect(ByteSize.df(0) == "0B")
    #expect(ByteSize.df(16_430_000) == "16.43MB")
  }

  static let parseCases: [(String, Int64)] = [
    ("0", Int64(0)), ("1048576", 1_048_576), ("500MB", 500_000_000), ("1.5GB", 1_500_000_000),
    ("1.5 GB", 1_500_000_000), ("1.5\tGB", 1_500_000_000), ("  2GiB ", 2_147_483_648), ("750kB", 750_000),
    ("750KB", 750_000), ("750k", 750_000), ("750K", 750_000), ("750kb", 750_000), ("1M", 1_000_000),
    ("1m", 1_000_000), ("1mb", 1_000_000), ("3G", 3_000_000_000), ("2TB", 2_000_000_000_000),
    ("1PB", 1_000_000_000_000_000), ("1KiB", 1024), ("1kib", 1024), ("1Ki", 1024), ("1.5KiB", 1536),
    ("1MiB", 1_048_576), ("2GiB", 2_147_483_648), ("1TiB", 1_099_511_627_776), ("1PiB", 1_125_899_906_842_624),
    ("12B", 12), ("12b", 12), ("12 B", 12), (".5kB", 500), ("5.kB", 5_000), ("0.3kB", 300),
    ("4.35MB", 4_350_000), ("1.1GB", 1_100_000_000), ("0.5B", 0), ("1.9999B", 1), ("1e+03MB", 1_000_000_000),
    ("1E3", 1000), ("2.5e-3kB", 2), ("1e-999999GB", 0), ("0e99999999PB", 0), ("007kB", 7_000),
    ("1EB", 1_000_000_000_000_000_000), ("1e", 1_000_000_000_000_000_000), ("9.22EB", 9_220_000_000_000_000_000),
    ("1EiB", 1_152_921_504_606_846_976), ("1e-1EB", 100_000_000_000_000_000),
    ("9223372036854775807", Int64.max), ("9223372036854775807.9", Int64.max),
  ]

  @Test(arguments: parseCases)
  func parsesSizes(text: String, expected: Int64) throws {
    #expect(try ByteSize.parse(text) == expected)
  }

  static let invalidSizes: [String] = [
    "", " ", "MB", "GB", ".", ".MB", "-1", "-1MB", "+1MB", "1,5GB", "12 parsecs", "1.5  GB", "1 .5GB", "1..5GB",
    "1.5.GB", "1e+", "1e-", "1eMB", "1 e3", "1XB", "10EB", "8EiB", "1e1EB", "1kiB2", "1 k B", "1KiBB", "1iB", "1bytes",
    "0x10",
    "1_000", "∞", "1 GB extra", "9223372036854775808", "10000PB", "8192PiB", "1e20", "99999999999999999999999",
  ]

  @Test(arguments: invalidSizes)
  func rejectsOthers(text: String) {
    #expect(throws: ByteSize.ParseError.self) { try ByteSize.parse(text) }
  }

  @Test func errorsNameTheValueAndTheForms() {
    #expect(
      String(describing: ByteSize.ParseError(value: "12 parsecs", reason: nil))
        == #"invalid size "12 parsecs" (expected bytes or a number with a unit: 500MB, 1.5GB, 2GiB, 750kB)"#)
    do {
      _ = try ByteSize.parse("10000PB")
      Issue.record("10000PB parsed")
    } catch {
      #expect(
        "\(error)"
          == #"invalid size "10000PB" (more than 9223372036854775807 bytes; "#
          + "expected bytes or a number with a unit: 500MB, 1.5GB, 2GiB, 750kB)")
    }
    do {
      _ = try ByteSize.parse("1\"x")
      Issue.record("1\"x parsed")
    } catch {
      #expect("\(error)".hasPrefix(#"invalid size "1\"x" ("#))
    }
  }

  @Test func parsesWhatItFormats() throws {
    for bytes: Int64 in [0, 1, 999, 1000, 1_500_000_000, 7_813_000_000, 359_100_000, 16_430_000, 999_600_000] {
      for precision in [3, 4] {
        let parsed = try ByteSize.parse(ByteSize.format(bytes, precision: precision))
        let tolerance = Double(bytes) * (precision == 3 ? 5e-3 : 5e-4) + 1
        #expect(abs(Double(parsed) - Double(bytes)) <= tolerance)
      }
    }
  }
}
