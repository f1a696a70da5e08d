import FoundationEssentials

/// Byte counts as the docker CLI prints them (go-units `HumanSizeWithPrecision`) and as people type them.
///
/// ```swift
/// ByteSize.image(7_813_000_000)    // "7.81GB"   (docker images, docker ps)
/// ByteSize.df(7_813_000_000)       // "7.813GB"  (docker system df, reclaimed space)
/// try ByteSize.parse("1.5 GB")     // 1_500_000_000
/// try ByteSize.parse("2GiB")       // 2_147_483_648
/// ```
public enum ByteSize {
  /// A text that is not a size.
  public struct ParseError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The text that was given.
    public var value: String
    /// Why it was refused, when more can be said than "not a size".
    public var reason: String?

    /// `invalid size "VALUE" (expected bytes or a number with a unit: 500MB, 1.5GB, 2GiB, 750kB)`.
    public var description: String {
      let expected = "expected bytes or a number with a unit: 500MB, 1.5GB, 2GiB, 750kB"
      if let reason { return "invalid size \(value.parserQuoted) (\(reason); \(expected))" }
      return "invalid size \(value.parserQuoted) (\(expected))"
    }
  }

  /// The decimal units, each 1000 times the one before.
  static let units = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"]

  /// `bytes` with `precision` significant digits, exactly as go-units `HumanSizeWithPrecision`:
  /// divided by 1000 while at least 1000 (up to `YB`), then printed with C's `%.*g` and the unit.
  ///
  /// `%g` drops trailing zeros and switches to exponent form when rounding reaches the next power
  /// of ten: `format(999_600_000, precision: 3)` is `1e+03MB`, as docker prints it. A precision below
  /// 1 counts as 1.
  public static func format(_ bytes: Double, precision: Int) -> String {
    var size = bytes
    var unit = 0
    while size >= 1000 && unit < units.count - 1 {
      size /= 1000
      unit += 1
    }
    return formatG(size, precision: precision) + units[unit]
  }

  /// `bytes` (any integer type) with `precision` significant digits; see `format(_:precision:)` for a
  /// `Double`. Inlinable, as the two below: a caller in another module gets a version for its integer type
  /// instead of generic code that asks the runtime for the type's conformances at every call.
  @inlinable
  public static func format(_ bytes: some BinaryInteger, precision: Int) -> String {
    format(Double(bytes), precision: precision)
  }

  /// Three significant digits, as in the SIZE column of `docker images` and `docker ps`: `7.81GB`, `752MB`.
  @inlinable
  public static func image(_ bytes: some BinaryInteger) -> String {
    format(bytes, precision: 3)
  }

  /// Four significant digits, as in `docker system df` and prune totals: `7.813GB`, `359.1MB`, `0B`.
  @inlinable
  public static func df(_ bytes: some BinaryInteger) -> String {
    format(bytes, precision: 4)
  }

  /// Go's `%.*g` for `value`: C's `%g` for finite numbers, `NaN`, `+Inf` and `-Inf` otherwise.
  static func formatG(_ value: Double, precision: Int) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
    let digits = max(precision, 1)
    if value == 0 { return value.sign == .minus ? "-0" : "0" }
    if let text = shortG(value.magnitude, precision: digits) { return (value < 0 ? "-" : "") + text }
    return CFormat.string("%.\(digits)g", value)
  }

  /// `%.*g` of `value` in [1, 10^precision) with precision 1 to 4 (every size the CLI prints, apart from
  /// zero, fractions of a byte and more than 999 YB), computed exactly in integers: `value` is m·2^e, so
  /// rounding it to `precision` digits is rounding m·10^s / 2^-e, half to even as printf does. It spares
  /// `String(format:)`, whose variadic arguments cost a type lookup the first time; nil outside that range.
  static func shortG(_ value: Double, precision: Int) -> String? {
    guard (1...4).contains(precision), value >= 1, value < powersOfTen[precision] else { return nil }
    var exponent = String(UInt64(value)).utf8.count - 1
    let mantissa = (UInt64(1) << 52) | value.significandBitPattern
    let shift = UInt64(52 - Int(value.exponent))  // 39...52 in this range
    let scaled = mantissa * UInt64(powersOfTen[precision - 1 - exponent])
    var rounded = scaled >> shift
    let remainder = scaled & ((1 << shift) - 1)
    let half = UInt64(1) << (shift - 1)
    if remainder > half || (remainder == half && rounded & 1 == 1) { rounded += 1 }
    if rounded == UInt64(powersOfTen[precision]) {
      rounded /= 10
      exponent += 1
    }
    let digits = Array(String(rounded).utf8)
    /// The digits from `start` on, without trailing zeros, after a point; empty when none are left.
    func fraction(from start: Int) -> String {
      var end = digits.count
      while end > start && digits[end - 1] == UInt8(ascii: "0") { end -= 1 }
      return end > start ? "." + String(decoding: digits[start..<end], as: UTF8.self) : ""
    }
    if exponent >= precision {
      let power = exponent < 10 ? "0\(exponent)" : "\(exponent)"
      return String(decoding: digits[..<1], as: UTF8.self) + fraction(from: 1) + "e+" + power
    }
    return String(decoding: digits[...exponent], as: UTF8.self) + fraction(from: exponent + 1)
  }

  private static let powersOfTen: [Double] = [1, 10, 100, 1000, 10000]

  /// Reads a size a person typed: plain bytes (`1048576`), or a number with a unit (`500MB`,
  /// `1.5 GB`, `2GiB`, `750k`).
  ///
  /// The number may have a decimal fraction and an exponent (`1e+03MB`, as `format` can print). The
  /// unit is case-insensitive and may follow one space or tab: `B`; `k`, `M`, `G`, `T`, `P`, `E` with
  /// an optional `B` are powers of 1000 (`kB`, `KB`, `M`); with `i` (`KiB`, `Mi`, `GiB`, `TiB`) powers
  /// of 1024. Surrounding whitespace is ignored; fractions of a byte are dropped.
  /// - Throws: `ByteSize.ParseError` naming the value and the accepted forms.
  public static func parse(_ text: String) throws -> Int64 {
    let bytes = Array(text.utf8)
    var index = 0
    var end = bytes.count
    while index < end, isBlank(bytes[index]) { index += 1 }
    while end > index, isBlank(bytes[end - 1]) { end -= 1 }
    let invalid = ParseError(value: text, reason: nil)

    // The number, as decimal digits and a power of ten: value = digits × 10^exponent.
    var digits: [UInt8] = []
    var exponent = 0
    var sawDigit = false
    while index < end, isDigit(bytes[index]) {
      digits.append(bytes[index] - UInt8(ascii: "0"))
      sawDigit = true
      index += 1
    }
    if index < end, bytes[index] == UInt8(ascii: ".") {
      index += 1
      while index < end, isDigit(bytes[index]) {
        digits.append(bytes[index] - UInt8(ascii: "0"))
        exponent -= 1
        sawDigit = true
        index += 1
      }
    }
    guard sawDigit else { throw invalid }
    // An exponent is `e`, an optional sign and digits; an `e` without digits is the exabyte unit.
    var exponentDigits = index + 1
    if exponentDigits < end, bytes[exponentDigits] == UInt8(ascii: "+") || bytes[exponentDigits] == UInt8(ascii: "-") {
      exponentDigits += 1
    }
    if index < end, bytes[index] | 0x20 == UInt8(ascii: "e"), exponentDigits < end, isDigit(bytes[exponentDigits]) {
      let negative = bytes[index + 1] == UInt8(ascii: "-")
      var next = exponentDigits
      var power = 0
      while next < end, isDigit(bytes[next]) {
        power = min(power * 10 + Int(bytes[next] - UInt8(ascii: "0")), 100_000)
        next += 1
      }
      exponent += negative ? -power : power
      index = next
    }
    if index < end, isBlank(bytes[index]) { index += 1 }

    guard let multiplier = unitMultiplier(bytes[index..<end]) else { throw invalid }
    guard let value = exactProduct(digits: digits, exponent: exponent, multiplier: multiplier) else {
      throw ParseError(value: text, reason: "more than \(Int64.max) bytes")
    }
    return value
  }

  /// Bytes in the unit spelled `unit` (case-insensitive), or nil for an unknown unit.
  private static func unitMultiplier(_ unit: ArraySlice<UInt8>) -> UInt64? {
    let lower = unit.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 | 0x20 : $0 }
    if lower.isEmpty || lower == [UInt8(ascii: "b")] { return 1 }
    let prefixes: [UInt8] = Array("kmgtpe".utf8)
    guard let power = prefixes.firstIndex(of: lower[0]) else { return nil }
    let rest = lower.dropFirst()
    let base: UInt64
    switch Array(rest) {
    case [], [UInt8(ascii: "b")]: base = 1000
    case [UInt8(ascii: "i")], [UInt8(ascii: "i"), UInt8(ascii: "b")]: base = 1024
    default: return nil
    }
    var multiplier: UInt64 = 1
    for _ in 0...power { multiplier *= base }
    return multiplier
  }

  /// ⌊digits × 10^exponent × multiplier⌋ computed exactly, or nil when it exceeds `Int64.max`.
  private static func exactProduct(digits: [UInt8], exponent: Int, multiplier: UInt64) -> Int64? {
    var number = Array(digits.drop { $0 == 0 })
    if number.isEmpty { return 0 }
    var exponent = exponent
    if exponent > 0 {
      // More than 20 integer digits cannot fit, whatever the multiplier.
      guard number.count + exponent <= 20 else { return nil }
      number += Array(repeating: 0, count: exponent)
      exponent = 0
    }
    // Multiply the decimal digits by the multiplier; each step stays below 10 × 2⁶⁰.
    var carry: UInt64 = 0
    for position in number.indices.reversed() {
      let product = UInt64(number[position]) * multiplier + carry
      number[position] = UInt8(product % 10)
      carry = product / 10
    }
    var head: [UInt8] = []
    while carry > 0 {
      head.append(UInt8(carry % 10))
      carry /= 10
    }
    number = head.reversed() + number
    // Drop the fractional digits, then the leading zeros.
    let fractional = -exponent
    guard fractional < number.count else { return 0 }
    let whole = number.dropLast(fractional).drop { $0 == 0 }
    guard whole.count <= 19 else { return nil }
    var value: UInt64 = 0
    for digit in whole { value = value * 10 + UInt64(digit) }
    return value <= UInt64(Int64.max) ? Int64(value) : nil
  }

  private static func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }

  private static func isBlank(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
  }
}
