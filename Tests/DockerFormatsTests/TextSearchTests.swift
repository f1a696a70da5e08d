import DockerFormats
import Testing

@Suite struct TextSearchTests {
  @Test func findsTheFirstOccurrenceAsTheStandardLibraryDoes() {
    for (text, needle) in [
      ("unix:///var/run/docker.sock", "://"), ("tcp://h:2375", "://"), ("no separator", "://"), ("keep-alive", "close"),
      ("Keep-Alive, close", "close"), ("chunked", "chunked"), ("gzip, chunked", "chunked"), ("ab", "abc"), ("", "x"),
      ("ünï://cödé", "://"), ("ünï", "ï"),
    ] {
      #expect(text.firstRange(ofBytes: needle) == text.firstRange(of: needle), "\(text) / \(needle)")
    }
  }

  @Test func searchesOnlyTheSubstringAndAnswersItsIndices() {
    let text = "a://b://c"
    let tail = text[text.index(text.startIndex, offsetBy: 2)...]
    let found = tail.firstRange(ofBytes: "://")
    #expect(found.map { String(tail[$0.upperBound...]) } == "c")
    #expect(found.map { String(text[..<$0.lowerBound]) } == "a://b")
  }

  @Test func anEmptyNeedleIsFoundAtTheStart() {
    let text = "abc"
    #expect(text.firstRange(ofBytes: "") == text.startIndex..<text.startIndex)
  }

  @Test func joiningMatchesJoined() {
    for parts in [[], ["one"], ["a", "b", "c"], ["", ""], ["x y", "z"]] {
      #expect(String(joining: parts, separator: ", ") == parts.joined(separator: ", "))
      #expect(String(joining: parts, separator: "") == parts.joined())
    }
  }
}
