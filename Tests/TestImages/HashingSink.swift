import DockerEngine

/// Passes bytes on to another sink while computing their SHA-256 and counting them.
final class HashingSink: ByteSink {
  private let target: any ByteSink
  private var hasher = SHA256.Hasher()
  /// Bytes passed through so far.
  private(set) var count = 0

  init(target: any ByteSink) {
    self.target = target
  }

  func write(_ bytes: UnsafeRawBufferPointer) throws {
    hasher.update(bytes)
    count += bytes.count
    try target.write(bytes)
  }

  /// The hex SHA-256 of everything written so far.
  var hex: String { hasher.finalizeHex() }
}
