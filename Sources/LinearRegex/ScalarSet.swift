/// A set of Unicode scalars: the compiled form of a character class such as `[a-z0-9._-]`, `\w` or one literal
/// under `(?i)`. Membership of ASCII scalars is one bit test.
struct ScalarSet: Sendable, Equatable {
  private(set) var ranges: [ClosedRange<UInt32>] = []
  var negated = false
  var caseInsensitive = false
  private var asciiLow: UInt64 = 0
  private var asciiHigh: UInt64 = 0

  init(negated: Bool = false) {
    self.negated = negated
  }

  init(_ scalar: Unicode.Scalar, caseInsensitive: Bool) {
    self.init()
    self.caseInsensitive = caseInsensitive
    insert(scalar.value...scalar.value)
    seal()
  }

  mutating func insert(_ range: ClosedRange<UInt32>) {
    ranges.append(range)
  }

  mutating func insert(contentsOf other: ScalarSet) {
    if other.negated {
      // The complement of `other`'s ranges, inserted as ranges.
      var next: UInt32 = 0
      for r in other.ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
        if r.lowerBound > next { insert(next...(r.lowerBound - 1)) }
        next = max(next, r.upperBound &+ 1)
        if r.upperBound == UInt32.max { return }
      }
      if next <= 0x10FFFF { insert(next...0x10FFFF) }
    } else {
      for r in other.ranges { insert(r) }
    }
  }

  /// Fixes the ASCII bitmap; call once the ranges are complete.
  mutating func seal() {
    asciiLow = 0
    asciiHigh = 0
    for value in UInt32(0)..<128 where rangesContain(value) || (caseInsensitive && foldedMatch(value)) {
      if value < 64 { asciiLow |= 1 << UInt64(value) } else { asciiHigh |= 1 << UInt64(value - 64) }
    }
  }

  func contains(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    let found: Bool
    if value < 64 {
      found = asciiLow & (1 << UInt64(value)) != 0
    } else if value < 128 {
      found = asciiHigh & (1 << UInt64(value - 64)) != 0
    } else {
      found = rangesContain(value) || (caseInsensitive && foldedMatch(value))
    }
    return found != negated
  }

  private func rangesContain(_ value: UInt32) -> Bool {
    ranges.contains { $0.contains(value) }
  }

  /// Whether the lower- or upper-case form of `value` (a single scalar) is in the ranges.
  private func foldedMatch(_ value: UInt32) -> Bool {
    guard let scalar = Unicode.Scalar(value) else { return false }
    for mapped in [scalar.properties.lowercaseMapping, scalar.properties.uppercaseMapping] {
      let scalars = mapped.unicodeScalars
      if scalars.count == 1, let only = scalars.first, only != scalar, rangesContain(only.value) { return true }
    }
    return false
  }
}

extension ScalarSet {
  /// `\d`: ASCII digits.
  static let digit = named([48...57])
  /// `\w`: ASCII letters, digits and `_`.
  static let word = named([48...57, 65...90, 95...95, 97...122])
  /// `\s`: ASCII white space.
  static let space = named([9...13, 32...32])

  /// The POSIX classes `[:alpha:]` and the like, ASCII only.
  static let posix: [String: ScalarSet] = [
    "alnum": named([48...57, 65...90, 97...122]),
    "alpha": named([65...90, 97...122]),
    "ascii": named([0...127]),
    "blank": named([9...9, 32...32]),
    "cntrl": named([0...31, 127...127]),
    "digit": digit,
    "graph": named([33...126]),
    "lower": named([97...122]),
    "print": named([32...126]),
    "punct": named([33...47, 58...64, 91...96, 123...126]),
    "space": space,
    "upper": named([65...90]),
    "word": word,
    "xdigit": named([48...57, 65...70, 97...102]),
  ]

  private static func named(_ ranges: [ClosedRange<UInt32>]) -> ScalarSet {
    var set = ScalarSet()
    for r in ranges { set.insert(r) }
    set.seal()
    return set
  }

  /// The same set, complemented.
  func inverted() -> ScalarSet {
    var copy = self
    copy.negated.toggle()
    return copy
  }

  /// Whether `scalar` counts as a word character for `\b`.
  static func isWord(_ scalar: Unicode.Scalar?) -> Bool {
    guard let scalar else { return false }
    return word.contains(scalar)
  }
}
