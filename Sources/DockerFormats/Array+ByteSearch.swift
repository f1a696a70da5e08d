extension Array where Element == UInt8 {
  /// The first index at or after `start` where `needle` begins; nil when it does not occur there. An empty
  /// needle is found at `start`.
  public func firstIndex(of needle: [UInt8], from start: Int = 0) -> Int? {
    guard start >= 0, count >= needle.count, start <= count - needle.count else { return nil }
    guard let first = needle.first else { return start }
    var i = start
    while i <= count - needle.count {
      if self[i] == first && self[i..<i + needle.count].elementsEqual(needle) { return i }
      i += 1
    }
    return nil
  }
}
