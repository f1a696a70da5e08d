import FoundationEssentials

/// Time values as the engine reads `until`, `since` and `before` filters (`GetTimestamp`), plus
/// docksweep's own `d` and `w` duration units.
///
/// Forms, tried in this order:
/// - a Go duration, meaning that long before `now`: `168h`, `90m`, `1h30m`, `1.5h`, `-5m`; `0` is
///   not a duration. With `d` (24h) and `w` (7 days) too: `7d`, `2w`, `1w3d`, `1d12h`.
/// - a date without a zone, in local time: `2006-01-02`, `2006-01-02T15`, `2006-01-02T15:04`,
///   `2006-01-02T15:04:05`, `2006-01-02T15:04:05.999999999`.
/// - a date with a zone (the text contains `Z`, `z` or `+`, or exactly three `-`): RFC3339 and
///   RFC3339 with fractions (`2020-07-07T00:00:00Z`, `2020-07-07T02:00:00.5+02:00`),
///   `2006-01-02Z07:00`, `2006-01-02T15Z07:00`, `2006-01-02T15:04Z07:00`.
/// - otherwise unix time, `seconds[.fraction]`: `1594080000`, `1594080000.5`.
///
/// ```swift
/// let cutoff = try TimeValue.parse("168h", now: Date())        // a week ago
/// let filter = try TimeValue.engineFilterValue("7d", now: Date())  // unix seconds a week ago: the engine rejects 7d
/// ```
public enum TimeValue {
  /// A text that is not a time value.
  public struct ParseError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The text that was given.
    public var value: String
    /// What is wrong with it, when more can be said than "not a time" (`day out of range`).
    public var reason: String?

    /// `invalid time "VALUE" (expected a duration like 168h, ...)`.
    public var description: String {
      let expected =
        "expected a duration like 168h, 90m, 7d, 2w, a date like 2020-07-07 or 2020-07-07T00:00:00, "
        + "RFC3339, or unix seconds"
      if let reason { return "invalid time \(value.parserQuoted) (\(reason); \(expected))" }
      return "invalid time \(value.parserQuoted) (\(expected))"
    }
  }

  /// The instant `text` names, relative to `now` for durations.
  ///
  /// As in the engine, a duration gives `now` minus the duration truncated to whole seconds (the
  /// engine keeps only unix seconds), and dates without a zone take the UTC offset `timeZone` has at
  /// `now` (not at the date), so a value means here what it means to an engine in that zone.
  /// - Throws: `TimeValue.ParseError` naming the value and the accepted forms.
  public static func parse(_ text: String, now: Date, timeZone: TimeZone = .current) throws -> Date {
    switch try classify(text) {
    case .duration(let nanoseconds), .extendedDuration(let nanoseconds):
      return Date(timeIntervalSince1970: Double(unixSeconds(now, minus: nanoseconds)))
    case .date(let fields):
      let offset = timeZone.secondsFromGMT(for: now)
      let seconds = fields.unixSeconds(defaultOffset: offset)
      return Date(timeIntervalSince1970: Double(seconds) + Double(fields.nanosecond) / 1e9)
    case .unix(let seconds, let nanoseconds):
      return Date(timeIntervalSince1970: Double(seconds) + Double(nanoseconds) / 1e9)
    }
  }

  /// `text` as a value the engine accepts in an `until` (or `since`/`before`) filter.
  ///
  /// Durations with `d` or `w`, which the engine rejects, become unix seconds of `now` minus the
  /// duration; every other valid form is returned unchanged, for the engine to read the same way
  /// `parse` does (dates without a zone are then in the engine's own time zone).
  /// - Throws: `TimeValue.ParseError` when `text` is not a time value.
  public static func engineFilterValue(_ text: String, now: Date) throws -> String {
    if case .extendedDuration(let nanoseconds) = try classify(text) {
      return String(unixSeconds(now, minus: nanoseconds))
    }
    return text
  }

  /// What a valid text is.
  enum Form: Equatable {
    /// A Go duration in nanoseconds, which the engine reads itself.
    case duration(Int64)
    /// A duration that uses `d` or `w`, which the engine does not read.
    case extendedDuration(Int64)
    /// A date, with or without a zone.
    case date(GoTimeLayout.Fields)
    /// Unix seconds and nanoseconds.
    case unix(seconds: Int64, nanoseconds: Int64)
  }

  /// Sorts `text` into one of the forms, following the engine's `GetTimestamp` step by step.
  static func classify(_ text: String) throws -> Form {
    if text != "0" {
      if let nanoseconds = try? GoDuration.parse(text) { return .duration(nanoseconds) }
      if let nanoseconds = try? GoDuration.parse(text, allowDaysAndWeeks: true) {
        return .extendedDuration(nanoseconds)
      }
    }
    let bytes = Array(text.utf8)
    func count(_ character: Character) -> Int {
      let byte = character.asciiValue!
      return bytes.reduce(0) { $1 == byte ? $0 + 1 : $0 }
    }
    func contains(_ character: Character) -> Bool { count(character) > 0 }

    let hasZoneLetter = contains("Z") || contains("z")
    let local = !hasZoneLetter && !contains("+") && count("-") != 3
    let layout: GoTimeLayout
    if contains(".") {
      layout = local ? .rfc3339NanoLocal : .rfc3339Nano
    } else if contains("T") {
      var colons = count(":")
      if !local && !hasZoneLetter && colons > 0 { colons -= 1 }
      switch (local, colons) {
      case (true, 0): layout = .hourLocal
      case (true, 1): layout = .minuteLocal
      case (true, _): layout = .rfc3339Local
      case (false, 0): layout = .hourWithZone
      case (false, 1): layout = .minuteWithZone
      case (false, _): layout = .rfc3339
      }
    } else {
      layout = local ? .dateLocal : .dateWithZone
    }

    let failure: GoTimeLayout.Failure
    switch layout.parse(bytes) {
    case .success(let fields): return .date(fields)
    case .failure(let error): failure = error
    }
    if contains("-") { throw ParseError(value: text, reason: failure.rangeError) }
    guard let (seconds, nanoseconds) = unixTimestamp(bytes) else { throw ParseError(value: text, reason: nil) }
    return .unix(seconds: seconds, nanoseconds: nanoseconds)
  }

  /// The engine's `parseTimestamp`: `seconds[.fraction]`, each part a Go `ParseInt`, the fraction
  /// scaled to nanoseconds through a `float64` as the engine does.
  private static func unixTimestamp(_ bytes: [UInt8]) -> (Int64, Int64)? {
    let parts = bytes.split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false)
    guard let seconds = parseInt(parts[0]) else { return nil }
    guard parts.count == 2 else { return (seconds, 0) }
    guard let fraction = parseInt(parts[1]) else { return nil }
    // Go's math.Pow10: powers of ten are exact doubles up to 10^22; a negative power is one division.
    let exponent = 9 - parts[1].count
    var power = 1.0
    for _ in 0..<min(abs(exponent), 22) { power *= 10 }
    let scaled = Double(fraction) * (exponent >= 0 ? power : 1 / power)
    return (seconds, Int64(scaled.rounded(.towardZero)))
  }

  /// Go's `strconv.ParseInt(s, 10, 64)`: an optional sign and decimal digits within `Int64`.
  private static func parseInt(_ bytes: ArraySlice<UInt8>) -> Int64? {
    var digits = bytes
    var negative = false
    if let sign = digits.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
      negative = sign == UInt8(ascii: "-")
      digits = digits.dropFirst()
    }
    guard !digits.isEmpty else { return nil }
    var magnitude: UInt64 = 0
    for byte in digits {
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
      let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
      let (sum, overflow2) = times10.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
      guard !overflow1, !overflow2 else { return nil }
      magnitude = sum
    }
    if negative {
      guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
      return magnitude == UInt64(Int64.max) + 1 ? .min : -Int64(magnitude)
    }
    guard magnitude <= UInt64(Int64.max) else { return nil }
    return Int64(magnitude)
  }

  /// Go's `now.Add(-d).Unix()`: whole unix seconds, rounded down, of `now` minus `nanoseconds`.
  static func unixSeconds(_ now: Date, minus nanoseconds: Int64) -> Int64 {
    let since1970 = now.timeIntervalSince1970
    let nowSeconds = Int64(since1970.rounded(.down))
    let nowNanos = Int64(((since1970 - Double(nowSeconds)) * 1e9).rounded())
    var seconds = nowSeconds - nanoseconds / 1_000_000_000
    var nanos = nowNanos - nanoseconds % 1_000_000_000
    if nanos < 0 {
      seconds -= 1
      nanos += 1_000_000_000
    }
    if nanos >= 1_000_000_000 { seconds += nanos / 1_000_000_000 }
    return seconds
  }
}
