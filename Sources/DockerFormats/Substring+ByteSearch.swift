extension Substring {
  /// The first occurrence of `needle`, compared as UTF-8 bytes (so canonically equivalent but differently
  /// encoded text does not match); an empty needle is found at the start. For fixed ASCII separators such
  /// as `://`: the standard library's `firstRange(of:)` and `contains(_:)` on text are generic algorithms
  /// whose first use in a process costs runtime type lookups, on paths that run at every start.
  public func firstRange(ofBytes needle: String) -> Range<Index>? {
    let pattern = Array(needle.utf8)
    guard let offset = Array(utf8).firstIndex(of: pattern) else { return nil }
    let lower = utf8.index(startIndex, offsetBy: offset)
    return lower..<utf8.index(lower, offsetBy: pattern.count)
  }
}

extension String {
  /// ``Substring/firstRange(ofBytes:)`` over the whole string.
  public func firstRange(ofBytes needle: String) -> Range<Index>? { self[...].firstRange(ofBytes: needle) }
}
