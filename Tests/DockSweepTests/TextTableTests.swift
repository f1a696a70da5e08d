import Testing

@testable import DockSweep

/// Tables lay out like the docker CLI's (Go tabwriter, minimum width 10, padding 3, last column unpadded).
@Suite struct TextTableTests {
  @Test func columnsPadToTheWidestCellPlusThree() {
    let text = TextTable.render(
      header: ["TYPE", "TOTAL", "RECLAIMABLE"],
      rows: [["Images", "10", "2.002MB (99%)"], ["Local Volumes", "0", "0B"]])
    #expect(
      text == """
        TYPE            TOTAL     RECLAIMABLE
        Images          10        2.002MB (99%)
        Local Volumes   0         0B

        """)
  }

  @Test func narrowColumnsAreTenWide() {
    #expect(
      TextTable.render(header: ["A", "B", "C"], rows: [["x", "y", "z"]])
        == "A         B         C\nx         y         z\n")
  }

  @Test func lastColumnIsNotPadded() {
    let text = TextTable.render(header: ["NAME", "SIZE"], rows: [["a", "1.02kB"], ["b", "752MB"]])
    for line in text.split(separator: "\n") { #expect(!line.hasSuffix(" ")) }
  }

  @Test func headerOnly() {
    #expect(TextTable.render(header: ["REPOSITORY", "TAG"], rows: []) == "REPOSITORY   TAG\n")
  }

  @Test func cellWiderThanItsHeader() {
    let text = TextTable.render(header: ["ID", "X"], rows: [["0123456789abcdef", "1"]])
    #expect(text == "ID" + String(repeating: " ", count: 17) + "X\n0123456789abcdef   1\n")
  }
}
