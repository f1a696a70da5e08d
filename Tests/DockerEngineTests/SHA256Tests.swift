import DockerEngine
import Testing

@Suite struct SHA256Tests {
  @Test func emptyMessage() {
    #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
  }

  @Test func abc() {
    #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
  }

  @Test func twoBlockMessage() {
    let message = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
    #expect(SHA256.hex(Array(message.utf8)) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
  }

  @Test func oneMillionA() {
    #expect(
      SHA256.hex(repeatElement(UInt8(ascii: "a"), count: 1_000_000))
        == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  @Test func digestBytesMatchHex() {
    let digest = SHA256.digest(Array("abc".utf8))
    #expect(digest.count == 32)
    #expect(digest.prefix(4) == [0xba, 0x78, 0x16, 0xbf])
  }

  /// Feeding a message in pieces of every size across block boundaries gives the one-shot digest.
  @Test(arguments: [1, 3, 55, 56, 63, 64, 65, 127, 1000])
  func incrementalMatchesOneShot(pieceSize: Int) {
    let message = (0..<1500).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
    var hasher = SHA256.Hasher()
    var start = 0
    while start < message.count {
      let end = min(start + pieceSize, message.count)
      hasher.update(message[start..<end])
      start = end
    }
    #expect(hasher.finalizeHex() == SHA256.hex(message))
  }

  /// Paddings of lengths 55, 56 and 64 straddle the one- and two-block cases.
  @Test func paddingBoundaries() {
    let expected = [
      55: "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318",
      56: "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a",
      64: "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb",
    ]
    for (count, hex) in expected {
      #expect(SHA256.hex(repeatElement(UInt8(ascii: "a"), count: count)) == hex, "length \(count)")
    }
  }

  @Test func finalizeLeavesHasherUsable() {
    var hasher = SHA256.Hasher()
    hasher.update(Array("ab".utf8))
    _ = hasher.finalize()
    hasher.update(Array("c".utf8))
    #expect(hasher.finalizeHex() == SHA256.hex(Array("abc".utf8)))
  }

  @Test func rawBufferUpdate() {
    var hasher = SHA256.Hasher()
    Array("abc".utf8).withUnsafeBytes { hasher.update($0) }
    #expect(hasher.finalizeHex() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
  }
}
