import DockerFormats
import Testing

@Suite struct ByteSearchTests {
  let bytes = Array("HTTP/1.1 200 OK\r\nA: b\r\n\r\nbody".utf8)

  @Test func findsTheFirstOccurrenceAtOrAfterTheStart() {
    #expect(bytes.firstIndex(of: [13, 10]) == 15)
    #expect(bytes.firstIndex(of: [13, 10], from: 16) == 21)
    #expect(bytes.firstIndex(of: [13, 10, 13, 10]) == 21)
    #expect(bytes.firstIndex(of: Array("body".utf8)) == 25)
  }

  @Test func missingOrPastTheEndIsNil() {
    #expect(bytes.firstIndex(of: Array("bodies".utf8)) == nil)
    #expect(bytes.firstIndex(of: [13, 10], from: 24) == nil)
    #expect(bytes.firstIndex(of: [13, 10], from: bytes.count) == nil)
    #expect([UInt8]([1]).firstIndex(of: [1, 2]) == nil)
  }

  @Test func anEmptyNeedleIsFoundAtTheStart() {
    #expect(bytes.firstIndex(of: [], from: 3) == 3)
    #expect(bytes.firstIndex(of: [], from: bytes.count) == bytes.count)
  }
}
