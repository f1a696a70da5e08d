/// The few Go `time.Parse` layouts the engine's `GetTimestamp` uses, parsed with Go's rules:
/// a 4-digit year; 2-digit month, day, minute and second; a 1- or 2-digit hour; an optional
/// fraction after the seconds (`.` or `,`, any number of digits, nanoseconds kept); a zone that is
/// `Z` or `±hh:mm` (offsets up to 24:60 accepted, as Go does); range checks, then the day
/// checked against the month.
struct GoTimeLayout: Sendable {
  /// One element of a layout.
  enum Element: Sendable, Equatable {
    case year, month, day, hour, minute, second
    /// `.999999999`: an optional fraction of a second.
    case fraction
    /// `Z07:00`: `Z` or a `±hh:mm` offset.
    case zone
    case literal(UInt8)
  }

  /// The calendar fields a successful parse gives; `offset` is nil when the text had no zone.
  struct Fields: Sendable, Equatable {
    var year = 0
    var month = 1
    var day = 1
    var hour = 0
    var minute = 0
    var second = 0
    var nanosecond = 0
    /// Seconds east of UTC.
    var offset: Int?

    /// Seconds since 1970-01-01T00:00:00Z, taking the fields as being at `offset`, or at
    /// `defaultOffset` when the text had no zone.
    func unixSeconds(defaultOffset: Int) -> Int64 {
      let days = Self.daysFromCivil(year: year, month: month, day: day)
      let local = days * 86_400 + Int64(hour * 3_600 + minute * 60 + second)
      return local - Int64(offset ?? defaultOffset)
    }

    /// Days from 1970-01-01 to the proleptic Gregorian date (H. Hinnant's `days_from_civil`).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
      let y = Int64(month <= 2 ? year - 1 : year)
      let era = (y >= 0 ? y : y - 399) / 400
      let yearOfEra = y - era * 400
      let m = Int64(month)
      let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
      let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
      return era * 146_097 + dayOfEra - 719_468
    }
  }

  /// Why a text does not fit a layout: a field out of range (`"month out of range"`), or nil when it
  /// simply has the wrong shape.
  struct Failure: Error, Sendable, Equatable {
    var rangeError: String?
  }

  let elements: [Element]

  /// A layout written in Go's reference-time notation (only the elements above).
  init(_ layout: String) {
    var elements: [Element] = []
    var rest = Substring(layout)
    let tokens: [(String, Element)] = [
      ("2006", .year), ("01", .month), ("02", .day), ("15", .hour), ("04", .minute), ("05", .second),
      (".999999999", .fraction), ("Z07:00", .zone),
    ]
    outer: while let first = rest.utf8.first {
      for (token, element) in tokens where rest.hasPrefix(token) {
        elements.append(element)
        rest = rest.dropFirst(token.count)
        continue outer
      }
      elements.append(.literal(first))
      rest = rest.dropFirst()
    }
    self.elements = elements
  }

  static let dateLocal = GoTimeLayout("2006-01-02")
  static let hourLocal = GoTimeLayout("2006-01-02T15")
  static let minuteLocal = GoTimeLayout("2006-01-02T15:04")
  static let rfc3339Local = GoTimeLayout("2006-01-02T15:04:05")
  static let rfc3339NanoLocal = GoTimeLayout("2006-01-02T15:04:05.999999999")
  static let dateWithZone = GoTimeLayout("2006-01-02Z07:00")
  static let hourWithZone = GoTimeLayout("2006-01-02T15Z07:00")
  static let minuteWithZone = GoTimeLayout("2006-01-02T15:04Z07:00")
  static let rfc3339 = GoTimeLayout("2006-01-02T15:04:05Z07:00")
  static let rfc3339Nano = GoTimeLayout("2006-01-02T15:04:05.999999999Z07:00")

  /// The fields of `text`, which must match the whole layout.
  func parse(_ text: some Collection<UInt8>) -> Result<Fields, Failure> {
    let value = Array(text)
    var index = 0
    var fields = Fields()
    let bad = Failure(rangeError: nil)

    func isDigit(_ at: Int) -> Bool {
      at < value.count && value[at] >= UInt8(ascii: "0") && value[at] <= UInt8(ascii: "9")
    }
    func digit(_ at: Int) -> Int { Int(value[at] - UInt8(ascii: "0")) }
    /// Go's `getnum`: one or two digits, exactly two when `fixed`.
    func number(fixed: Bool) -> Int? {
      guard isDigit(index) else { return nil }
      guard isDigit(index + 1) else {
        if fixed { return nil }
        index += 1
        return digit(index - 1)
      }
      index += 2
      return digit(index - 2) * 10 + digit(index - 1)
    }
    func isCommaOrPeriod(_ at: Int) -> Bool {
      at < value.count && (value[at] == UInt8(ascii: ".") || value[at] == UInt8(ascii: ","))
    }
    /// Go's `parseNanoseconds` over the separator and the digits that follow it.
    func nanoseconds() {
      var end = index + 1
      while isDigit(end) { end += 1 }
      var nanos = 0
      for position in (index + 1)..<min(end, index + 10) { nanos = nanos * 10 + digit(position) }
      for _ in 0..<max(0, 10 - (end - index)) { nanos *= 10 }
      fields.nanosecond = nanos
      index = end
    }

    for (position, element) in elements.enumerated() {
      switch element {
      case .literal(let byte):
        guard index < value.count, value[index] == byte else { return .failure(bad) }
        index += 1
      case .year:
        guard index + 4 <= value.count, (index..<index + 4).allSatisfy(isDigit) else { return .failure(bad) }
        fields.year = (index..<index + 4).reduce(0) { $0 * 10 + digit($1) }
        index += 4
      case .month:
        guard let month = number(fixed: true) else { return .failure(bad) }
        guard (1...12).contains(month) else { return .failure(Failure(rangeError: "month out of range")) }
        fields.month = month
      case .day:
        guard let day = number(fixed: true) else { return .failure(bad) }
        fields.day = day
      case .hour:
        guard let hour = number(fixed: false) else { return .failure(bad) }
        guard hour < 24 else { return .failure(Failure(rangeError: "hour out of range")) }
        fields.hour = hour
      case .minute:
        guard let minute = number(fixed: true) else { return .failure(bad) }
        guard minute < 60 else { return .failure(Failure(rangeError: "minute out of range")) }
        fields.minute = minute
      case .second:
        guard let second = number(fixed: true) else { return .failure(bad) }
        guard second < 60 else { return .failure(Failure(rangeError: "second out of range")) }
        fields.second = second
        // A fraction the layout does not name is still read, as Go does.
        let nextIsFraction = position + 1 < elements.count && elements[position + 1] == .fraction
        if !nextIsFraction && isCommaOrPeriod(index) && isDigit(index + 1) { nanoseconds() }
      case .fraction:
        if isCommaOrPeriod(index) && isDigit(index + 1) { nanoseconds() }
      case .zone:
        if index < value.count, value[index] == UInt8(ascii: "Z") {
          index += 1
          fields.offset = 0
          break
        }
        guard index + 6 <= value.count, value[index + 3] == UInt8(ascii: ":") else { return .failure(bad) }
        let sign = value[index]
        guard isDigit(index + 1), isDigit(index + 2), isDigit(index + 4), isDigit(index + 5) else {
          return .failure(bad)
        }
        let hours = digit(index + 1) * 10 + digit(index + 2)
        let minutes = digit(index + 4) * 10 + digit(index + 5)
        if hours > 24 { return .failure(Failure(rangeError: "time zone offset hour out of range")) }
        if minutes > 60 { return .failure(Failure(rangeError: "time zone offset minute out of range")) }
        guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return .failure(bad) }
        let offset = (hours * 60 + minutes) * 60
        fields.offset = sign == UInt8(ascii: "-") ? -offset : offset
        index += 6
      }
    }
    guard index == value.count else { return .failure(bad) }
    guard fields.day >= 1, fields.day <= Self.daysIn(month: fields.month, year: fields.year) else {
      return .failure(Failure(rangeError: "day out of range"))
    }
    return .success(fields)
  }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }
}
