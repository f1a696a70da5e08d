import DockerFormats

/// A budget figure: bytes, or a percentage of the filesystem holding the engine's data root.
enum DiskLimit: Equatable, Sendable {
  case bytes(Int64)
  case percent(Double)

  /// `"10GB"`, `"2GiB"`, `"80%"` or a byte count; nil when `text` is none of these.
  static func parse(_ text: String) -> DiskLimit? {
    let trimmed = text.trimmingWhitespace()
    if trimmed.hasSuffix("%") {
      guard let value = Double(trimmed.dropLast().trimmingWhitespace()), value >= 0, value <= 100
      else { return nil }
      return .percent(value)
    }
    return (try? ByteSize.parse(trimmed)).map { .bytes($0) }
  }

  /// The limit in bytes, given the filesystem's capacity for a percentage.
  func bytes(capacity: Int64?) -> Int64? {
    switch self {
    case .bytes(let b): return b
    case .percent(let p): return capacity.map { Int64((Double($0) * p / 100).rounded(.down)) }
    }
  }

  var isPercent: Bool {
    if case .percent = self { return true }
    return false
  }

  /// As written: "10GB", "80%".
  var text: String {
    switch self {
    case .bytes(let b): return ByteSize.df(b)
    case .percent(let p): return p == p.rounded() ? "\(Int(p))%" : "\(p)%"
    }
  }
}
