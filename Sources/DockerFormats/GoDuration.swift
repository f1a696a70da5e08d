/// Go's `time.ParseDuration`, which the engine uses for `until` durations.
///
/// A duration is an optional sign and one or more numbers with a unit, such as `300ms`, `-1.5h` or
/// `2h45m`. Units are `ns`, `us` (or `µs`), `ms`, `s`, `m` and `h`; `0` alone is zero. With
/// `allowDaysAndWeeks`, `d` (24h) and `w` (7 × 24h) are accepted too, which the engine does not know.
///
/// ```swift
/// try GoDuration.parse("1h30m")                          // 5_400_000_000_000 (nanoseconds)
/// try GoDuration.parse("1w3d", allowDaysAndWeeks: true)  // 864_000_000_000_000
/// ```
public enum GoDuration {
  /// A value that is not a duration.
  public struct ParseError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The text that was given.
    public var value: String
    /// What is wrong with it.
    public var reason: String
    /// Whether `d` and `w` were accepted.
    public var allowsDaysAndWeeks: Bool

    /// `invalid duration "VALUE" (REASON; expected ...)`.
    public var description: String {
      let units = allowsDaysAndWeeks ? "ns, us, ms, s, m, h, d, w" : "ns, us, ms, s, m, h"
      return
        "invalid duration \(value.parserQuoted) (\(reason); expected numbers with units \(units), like 90m or 1h30m)"
    }
  }

  /// Parses `text` like Go's `time.ParseDuration`, returning nanoseconds.
  ///
  /// Fractions are exact to the nanosecond as in Go (`1.5h`, `.5s`); a sum beyond ±2⁶³ ns is an error.
  /// - Parameter allowDaysAndWeeks: also accept `d` (24 hours) and `w` (7 days).
  /// - Throws: `GoDuration.ParseError` naming the value and what is wrong.
  public static func parse(_ text: String, allowDaysAndWeeks: Bool = false) throws -> Int64 {
    func failure(_ reason: String) -> ParseError {
      ParseError(value: text, reason: reason, allowsDaysAndWeeks: allowDaysAndWeeks)
    }
    let bytes = Array(text.utf8)
    let limit: UInt64 = 1 << 63
    var index = 0
    var negative = false
    if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
      negative = first == UInt8(ascii: "-")
      index = 1
    }
    if bytes.count - index == 1 && bytes[index] == UInt8(ascii: "0") { return 0 }
    if index == bytes.count { throw failure("no number") }

    var total: UInt64 = 0
    while index < bytes.count {
      guard bytes[index] == UInt8(ascii: ".") || isDigit(bytes[index]) else {
        throw failure("expected a number at \(String(decoding: bytes[index...], as: UTF8.self).parserQuoted)")
      }
      // The whole part, which must not exceed 2⁶³.
      var whole: UInt64 = 0
      let wholeStart = index
      while index < bytes.count, isDigit(bytes[index]) {
        guard whole <= limit / 10 else { throw failure("out of range") }
        whole = whole * 10 + UInt64(bytes[index] - UInt8(ascii: "0"))
        guard whole <= limit else { throw failure("out of range") }
        index += 1
      }
      let hasWhole = index != wholeStart
      // The fraction: digits beyond what fits are ignored, as in Go.
      var fraction: UInt64 = 0
      var scale = 1.0
      var hasFraction = false
      if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
        index += 1
        let fractionStart = index
        var overflow = false
        while index < bytes.count, isDigit(bytes[index]) {
          if !overflow {
            if fraction > (limit - 1) / 10 {
              overflow = true
            } else {
              let next = fraction * 10 + UInt64(bytes[index] - UInt8(ascii: "0"))
              if next > limit {
                overflow = true
              } else {
                fraction = next
                scale *= 10
              }
            }
          }
          index += 1
        }
        hasFraction = index != fractionStart
      }
      guard hasWhole || hasFraction else { throw failure("a number needs digits") }

      let unitStart = index
      while index < bytes.count, bytes[index] != UInt8(ascii: "."), !isDigit(bytes[index]) { index += 1 }
      guard index > unitStart else { throw failure("missing unit") }
      let unitName = String(decoding: bytes[unitStart..<index], as: UTF8.self)
      guard let unit = unitNanoseconds(unitName, allowDaysAndWeeks: allowDaysAndWeeks) else {
        throw failure("unknown unit \(unitName.parserQuoted)")
      }
      guard whole <= limit / unit else { throw failure("out of range") }
      var value = whole * unit
      if fraction > 0 {
        value += UInt64(Double(fraction) * (Double(unit) / scale))
        guard value <= limit else { throw failure("out of range") }
      }
      let (sum, overflowed) = total.addingReportingOverflow(value)
      guard !overflowed, sum <= limit else { throw failure("out of range") }
      total = sum
    }
    if negative { return total == limit ? Int64.min : -Int64(total) }
    guard total < limit else { throw failure("out of range") }
    return Int64(total)
  }

  /// Nanoseconds in one `unit`, or nil for an unknown unit.
  static func unitNanoseconds(_ unit: String, allowDaysAndWeeks: Bool) -> UInt64? {
    switch unit {
    case "ns": return 1
    case "us", "\u{00B5}s", "\u{03BC}s": return 1_000
    case "ms": return 1_000_000
    case "s": return 1_000_000_000
    case "m": return 60_000_000_000
    case "h": return 3_600_000_000_000
    case "d" where allowDaysAndWeeks: return 86_400_000_000_000
    case "w" where allowDaysAndWeeks: return 604_800_000_000_000
    default: return nil
    }
  }

  private static func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }
}
