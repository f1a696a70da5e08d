import DockerFormats
import Testing

@Suite struct CFormatTests {
  @Test func formatsAsPrintfDoes() {
    #expect(CFormat.string("%.2fs", 1.234) == "1.23s")
    #expect(CFormat.string("%09lld", Int64(123_456)) == "000123456")
    #expect(CFormat.string("%.14g", 0.1 + 0.2) == "0.3")
    #expect(CFormat.string("%.4g", 7813.0e6) == "7.813e+09")
  }

  @Test func longerThanTheFirstBuffer() {
    let text = CFormat.string("%0300d", Int32(7))
    #expect(text.count == 300)
    #expect(text.hasSuffix("7") && text.hasPrefix("000"))
  }
}
