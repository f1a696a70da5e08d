import Foundation
import TestImages
import Testing

@testable import DockerEngine
@testable import DockerFormats

extension SplitMix64 {
  /// A string of up to `maxLength` characters, mostly from `alphabet`, sometimes any scalar.
  mutating func string(from alphabet: [String], maxLength: Int) -> String {
    let length = Int.random(in: 0...maxLength, using: &self)
    var text = ""
    for _ in 0..<length {
      if Int.random(in: 0..<20, using: &self) == 0 {
        let scalar = Unicode.Scalar(UInt32.random(in: 0...0x2FFF, using: &self)) ?? "?"
        text.unicodeScalars.append(scalar)
      } else {
        text += alphabet.randomElement(using: &self)!
      }
    }
    return text
  }
}

@Suite struct ParserFuzzTests {
  /// Inputs per property: `DOCKSWEEP_FUZZ_ITERATIONS` (scripts/fuzz runs a long pass), else 4,000.
  private static let iterations =
    ProcessInfo.processInfo.environment["DOCKSWEEP_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 4_000

  @Test func sizeParserParsesOrThrows() {
    var random = SplitMix64(seed: 1)
    let alphabet = [
      "0", "1", "5", "9", ".", "e", "E", "+", "-", " ", "\t", "k", "K", "m", "M", "g", "G", "t", "p",
      "i", "b", "B", "iB", "kB", "MB", "GiB", "x", ",", "_",
    ]
    for _ in 0..<Self.iterations {
      let text = random.string(from: alphabet, maxLength: 14)
      do {
        let bytes = try ByteSize.parse(text)
        #expect(bytes >= 0, "\(text.debugDescription) gave \(bytes)")
      } catch let error as ByteSize.ParseError {
        #expect(error.value == text)
        #expect(error.description.hasPrefix("invalid size "))
      } catch {
        Issue.record("\(text.debugDescription) threw \(error)")
      }
    }
  }

  @Test func formattedSizesParseBackWithinRounding() throws {
    var random = SplitMix64(seed: 2)
    for iteration in 0..<Self.iterations {
      let magnitude = UInt64(1) << UInt64(iteration % 63)
      let bytes = Int64(random.next() % magnitude)
      for precision in [3, 4] {
        let text = ByteSize.format(bytes, precision: precision)
        let parsed = try ByteSize.parse(text)
        let tolerance = Double(bytes) * 0.5 * pow(10, Double(1 - precision)) + 1
        #expect(abs(Double(parsed) - Double(bytes)) <= tolerance, "\(bytes) → \(text) → \(parsed)")
      }
    }
  }

  @Test func timeParserParsesOrThrows() {
    var random = SplitMix64(seed: 3)
    let now = Date(timeIntervalSince1970: 1_700_000_000)
    let alphabet = [
      "0", "1", "2", "7", "9", "-", ":", "T", ".", ",", "Z", "z", "+", " ", "h", "m", "s", "d", "w",
      "ms", "µs", "ns", "2020-07-07", "T15:04:05", "+02:00", "1h30m",
    ]
    for _ in 0..<Self.iterations {
      let text = random.string(from: alphabet, maxLength: 10)
      do {
        let date = try TimeValue.parse(text, now: now, timeZone: TimeZone(secondsFromGMT: 3_600)!)
        #expect(date.timeIntervalSince1970.isFinite)
        let filter = try TimeValue.engineFilterValue(text, now: now)
        #expect(!filter.isEmpty || text.isEmpty)
      } catch let error as TimeValue.ParseError {
        #expect(error.value == text)
        #expect(throws: TimeValue.ParseError.self) { try TimeValue.engineFilterValue(text, now: now) }
      } catch {
        Issue.record("\(text.debugDescription) threw \(error)")
      }
    }
  }

  @Test func durationParserParsesOrThrows() {
    var random = SplitMix64(seed: 4)
    let alphabet = ["0", "1", "5", "9", ".", "-", "+", "h", "m", "s", "ms", "us", "µs", "ns", "d", "w", "x"]
    for _ in 0..<Self.iterations {
      let text = random.string(from: alphabet, maxLength: 24)
      for extended in [false, true] {
        do {
          _ = try GoDuration.parse(text, allowDaysAndWeeks: extended)
        } catch let error as GoDuration.ParseError {
          #expect(error.value == text)
        } catch {
          Issue.record("\(text.debugDescription) threw \(error)")
        }
      }
    }
  }

  @Test func generatedDurationsAddUp() throws {
    var random = SplitMix64(seed: 5)
    let units: [(String, Int64)] = [
      ("ns", 1), ("us", 1_000), ("ms", 1_000_000), ("s", 1_000_000_000), ("m", 60_000_000_000),
      ("h", 3_600_000_000_000), ("d", 86_400_000_000_000), ("w", 604_800_000_000_000),
    ]
    for _ in 0..<Self.iterations {
      var text = ""
      var total: Int64 = 0
      for _ in 0..<Int.random(in: 1...4, using: &random) {
        let (name, size) = units.randomElement(using: &random)!
        let count = Int64.random(in: 0...999, using: &random)
        text += "\(count)\(name)"
        total += count * size
      }
      #expect(try GoDuration.parse(text, allowDaysAndWeeks: true) == total, "\(text)")
    }
  }

  @Test func generatedDatesMatchTheCalendar() throws {
    var random = SplitMix64(seed: 6)
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let now = Date(timeIntervalSince1970: 1_700_000_000)
    for _ in 0..<Self.iterations {
      let year = Int.random(in: 1583...9999, using: &random)  // Foundation is Julian before 1583
      let month = Int.random(in: 1...12, using: &random)
      let day = Int.random(in: 1...28, using: &random)
      let hour = Int.random(in: 0...23, using: &random)
      let minute = Int.random(in: 0...59, using: &random)
      let second = Int.random(in: 0...59, using: &random)
      let offsetMinutes = Int.random(in: -14 * 60...14 * 60, using: &random)
      let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
      let utc = try #require(calendar.date(from: components)).timeIntervalSince1970
      func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
      let date = "\(String(repeating: "0", count: 4 - String(year).count))\(year)-\(two(month))-\(two(day))"
      let time = "\(two(hour)):\(two(minute)):\(two(second))"
      let sign = offsetMinutes < 0 ? "-" : "+"
      let zone = "\(sign)\(two(abs(offsetMinutes) / 60)):\(two(abs(offsetMinutes) % 60))"

      let zulu = try TimeValue.parse("\(date)T\(time)Z", now: now).timeIntervalSince1970
      #expect(zulu == utc, "\(date)T\(time)Z")
      let zoned = try TimeValue.parse("\(date)T\(time)\(zone)", now: now).timeIntervalSince1970
      #expect(zoned == utc - Double(offsetMinutes * 60), "\(date)T\(time)\(zone)")
      let local = try TimeValue.parse(
        "\(date)T\(time)", now: now, timeZone: TimeZone(secondsFromGMT: offsetMinutes * 60)!
      ).timeIntervalSince1970
      #expect(local == zoned, "\(date)T\(time) at \(zone)")
    }
  }

  @Test func dockerHostParsesOrThrowsAndRoundTrips() throws {
    var random = SplitMix64(seed: 7)
    let alphabet = [
      "unix://", "tcp://", "ssh://", "fd://", "/", "a", "host", "@", ":", "2375", "[", "]", "::1", ".",
      "-", "_", " ", "?", "#", "%", "0", "65536", "me",
    ]
    for _ in 0..<Self.iterations {
      let text = random.string(from: alphabet, maxLength: 8)
      for tls in [false, true] {
        do {
          let transport = try DockerHost.parse(text, tls: tls)
          if transport != .fd {
            #expect(try DockerHost.parse(transport.description, tls: tls) == transport, "\(text.debugDescription)")
          }
        } catch let error as EndpointError {
          #expect(error.description.hasPrefix("invalid DOCKER_HOST "), "\(error)")
        } catch {
          Issue.record("\(text.debugDescription) threw \(error)")
        }
      }
    }
  }
}
