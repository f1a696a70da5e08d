import DockerEngine
import Testing

@testable import DockSweep

@Suite struct ImageOrderTests {
  func summaries(_ created: [Int64]) -> [ImageSummary] {
    created.enumerated().map { ImageSummary(id: "sha256:\($0.offset)", created: $0.element, size: 1) }
  }

  @Test func aListInOrderIsTakenAsItIs() {
    let list = summaries([30, 20, 20, 10])
    #expect(DockerModule.newestFirst(list).map(\.id) == list.map(\.id))
  }

  @Test func aListOutOfOrderIsSortedNewestFirstAndStably() {
    let sorted = DockerModule.newestFirst(summaries([10, 30, 20, 30, 5]))
    #expect(sorted.map(\.created) == [30, 30, 20, 10, 5])
    #expect(sorted.map(\.id) == ["sha256:1", "sha256:3", "sha256:2", "sha256:0", "sha256:4"])
  }

  @Test func shortListsAreInOrder() {
    #expect(DockerModule.newestFirst([]).isEmpty)
    #expect(DockerModule.newestFirst(summaries([7])).map(\.created) == [7])
  }
}
