import DockerEngine

/// Deterministic pseudo-random bytes derived from a seed string: a block of up to 64 KiB (xorshift64*)
/// repeated as often as needed.
struct FillerPattern {
  private static let maxBlockSize = 1 << 16
  private static let chunkSize = 1 << 20

  private let block: [UInt8]

  /// A pattern for `seed`; `size` bounds the block so that small files cost little to generate.
  init(seed: String, size: Int) {
    let digest = SHA256.digest(Array(seed.utf8))
    var state: UInt64 = 0
    for byte in digest.prefix(8) {
      state = state << 8 | UInt64(byte)
    }
    state |= 1
    let blockSize = min(Self.maxBlockSize, (size + 7) / 8 * 8)
    var bytes = [UInt8](repeating: 0, count: blockSize)
    bytes.withUnsafeMutableBytes { raw in
      var offset = 0
      while offset < blockSize {
        state ^= state &>> 12
        state ^= state &<< 25
        state ^= state &>> 27
        raw.storeBytes(of: (state &* 0x2545_f491_4f6c_dd1d).littleEndian, toByteOffset: offset, as: UInt64.self)
        offset &+= 8
      }
    }
    block = bytes
  }

  /// Produces the first `count` bytes of the pattern through `write`, in chunks of at most 1 MiB.
  func write(count: Int, to write: (UnsafeRawBufferPointer) throws -> Void) throws {
    if count <= block.count {
      try block.withUnsafeBytes { try write(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
      return
    }
    var chunk: [UInt8] = []
    chunk.reserveCapacity(min(count, Self.chunkSize) + block.count)
    while chunk.count < min(count, Self.chunkSize) {
      chunk.append(contentsOf: block)
    }
    // Whole blocks per chunk keep the pattern continuous from one chunk to the next.
    let usable = chunk.count / block.count * block.count
    try chunk.withUnsafeBytes { all in
      var remaining = count
      while remaining > 0 {
        let n = min(remaining, usable)
        try write(UnsafeRawBufferPointer(rebasing: all[0..<n]))
        remaining -= n
      }
    }
  }
}
