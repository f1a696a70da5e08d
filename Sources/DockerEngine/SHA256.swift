/// SHA-256 (FIPS 180-4) in pure Swift, for image and layer digests and context directory names.
///
/// One-shot:
/// ```swift
/// SHA256.hex(Array("abc".utf8))
/// // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
/// ```
/// Streaming, for data too large to hold in memory:
/// ```swift
/// var hasher = SHA256.Hasher()
/// hasher.update(firstChunk)
/// hasher.update(secondChunk)
/// let digest = hasher.finalizeHex()
/// ```
public enum SHA256 {
  /// The 32-byte digest of `bytes`.
  public static func digest(_ bytes: some Sequence<UInt8>) -> [UInt8] {
    var hasher = Hasher()
    hasher.update(bytes)
    return hasher.finalize()
  }

  /// The digest of `bytes` as 64 lowercase hexadecimal characters.
  public static func hex(_ bytes: some Sequence<UInt8>) -> String {
    var hasher = Hasher()
    hasher.update(bytes)
    return hasher.finalizeHex()
  }

  /// An incremental SHA-256 computation: feed bytes with `update` in any number of pieces, then read the
  /// digest with `finalize` or `finalizeHex`. Finalizing does not change the hasher, so more bytes may be
  /// added afterwards to get the digest of the longer message.
  public struct Hasher: Sendable {
    private var state: [UInt32] = [
      0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
    ]
    /// Bytes of the current, incomplete block; fewer than 64.
    private var pending: [UInt8] = []
    /// Total message length so far, in bytes.
    private var length: UInt64 = 0

    /// A hasher for the empty message.
    public init() {
      pending.reserveCapacity(Self.blockSize)
    }

    /// Appends `bytes` to the message.
    public mutating func update(_ bytes: some Sequence<UInt8>) {
      let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
        update(UnsafeRawBufferPointer(buffer))
      }
      if done == nil {
        let copy = Array(bytes)
        copy.withUnsafeBytes { update($0) }
      }
    }

    /// Appends the bytes of `buffer` to the message.
    public mutating func update(_ buffer: UnsafeRawBufferPointer) {
      guard buffer.count > 0 else { return }
      length &+= UInt64(buffer.count)
      var offset = 0
      if !pending.isEmpty {
        let take = min(Self.blockSize - pending.count, buffer.count)
        pending.append(contentsOf: buffer[0..<take])
        offset = take
        guard pending.count == Self.blockSize else { return }
        let block = pending
        block.withUnsafeBytes { compress(blocks: $0) }
        pending.removeAll(keepingCapacity: true)
      }
      let whole = (buffer.count - offset) / Self.blockSize * Self.blockSize
      if whole > 0 {
        compress(blocks: UnsafeRawBufferPointer(rebasing: buffer[offset..<(offset + whole)]))
        offset += whole
      }
      if offset < buffer.count {
        pending.append(contentsOf: buffer[offset...])
      }
    }

    /// The 32-byte digest of the message fed so far.
    public func finalize() -> [UInt8] {
      var copy = self
      var tail = pending
      tail.append(0x80)
      let padded = tail.count <= Self.blockSize - 8 ? Self.blockSize : 2 * Self.blockSize
      tail.append(contentsOf: repeatElement(0, count: padded - 8 - tail.count))
      let bits = length &* 8
      for shift in stride(from: 56, through: 0, by: -8) {
        tail.append(UInt8(truncatingIfNeeded: bits &>> UInt64(shift)))
      }
      tail.withUnsafeBytes { copy.compress(blocks: $0) }
      var out: [UInt8] = []
      out.reserveCapacity(32)
      for word in copy.state {
        out.append(UInt8(truncatingIfNeeded: word &>> 24))
        out.append(UInt8(truncatingIfNeeded: word &>> 16))
        out.append(UInt8(truncatingIfNeeded: word &>> 8))
        out.append(UInt8(truncatingIfNeeded: word))
      }
      return out
    }

    /// The digest of the message fed so far, as 64 lowercase hexadecimal characters.
    public func finalizeHex() -> String {
      let digits = Array("0123456789abcdef".utf8)
      var chars: [UInt8] = []
      chars.reserveCapacity(64)
      for byte in finalize() {
        chars.append(digits[Int(byte &>> 4)])
        chars.append(digits[Int(byte & 0x0f)])
      }
      return String(decoding: chars, as: UTF8.self)
    }

    private static let blockSize = 64

    /// Runs the compression function over `blocks`, whose length is a multiple of 64.
    private mutating func compress(blocks: UnsafeRawBufferPointer) {
      withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
        Self.roundConstants.withUnsafeBufferPointer { k in
          state.withUnsafeMutableBufferPointer { h in
            var base = 0
            while base < blocks.count {
              Self.compressBlock(blocks.baseAddress! + base, h.baseAddress!, k.baseAddress!, w.baseAddress!)
              base += Self.blockSize
            }
          }
        }
      }
    }

    /// One block: `block` is 64 bytes, `h` the 8 state words, `k` the 64 round constants, `w` scratch for
    /// the 64-word schedule. Raw pointers and masking shifts (`&>>`) keep unoptimized builds usable on layers
    /// of hundreds of megabytes.
    private static func compressBlock(
      _ block: UnsafeRawPointer,
      _ h: UnsafeMutablePointer<UInt32>,
      _ k: UnsafePointer<UInt32>,
      _ w: UnsafeMutablePointer<UInt32>
    ) {
      var i = 0
      while i < 16 {
        w[i] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: i &* 4, as: UInt32.self))
        i &+= 1
      }
      while i < 64 {
        let x = w[i &- 15]
        let y = w[i &- 2]
        let s0 = (x &>> 7 | x &<< 25) ^ (x &>> 18 | x &<< 14) ^ (x &>> 3)
        let s1 = (y &>> 17 | y &<< 15) ^ (y &>> 19 | y &<< 13) ^ (y &>> 10)
        w[i] = w[i &- 16] &+ s0 &+ w[i &- 7] &+ s1
        i &+= 1
      }
      var a = h[0]
      var b = h[1]
      var c = h[2]
      var d = h[3]
      var e = h[4]
      var f = h[5]
      var g = h[6]
      var hh = h[7]
      i = 0
      while i < 64 {
        let s1 = (e &>> 6 | e &<< 26) ^ (e &>> 11 | e &<< 21) ^ (e &>> 25 | e &<< 7)
        let ch = (e & f) ^ (~e & g)
        let t1 = hh &+ s1 &+ ch &+ k[i] &+ w[i]
        let s0 = (a &>> 2 | a &<< 30) ^ (a &>> 13 | a &<< 19) ^ (a &>> 22 | a &<< 10)
        let maj = (a & b) ^ (a & c) ^ (b & c)
        let t2 = s0 &+ maj
        hh = g
        g = f
        f = e
        e = d &+ t1
        d = c
        c = b
        b = a
        a = t1 &+ t2
        i &+= 1
      }
      h[0] = h[0] &+ a
      h[1] = h[1] &+ b
      h[2] = h[2] &+ c
      h[3] = h[3] &+ d
      h[4] = h[4] &+ e
      h[5] = h[5] &+ f
      h[6] = h[6] &+ g
      h[7] = h[7] &+ hh
    }

    private static let roundConstants: [UInt32] = [
      0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
      0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
      0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
      0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
      0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
      0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
      0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
      0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]
  }
}
