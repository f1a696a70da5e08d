import Foundation
import TestImages
import Testing

/// `Examples/CleanupService`, a program that links the DockSweep library, runs a recipe from async code
/// and reads the typed reports, against the test engine.
@Suite struct EmbeddingTests {
  @Test func cleanupServiceRemovesAndReports() async throws {
    let f = try Fixture()
    defer { f.cleanUp() }
    try f.load([f.image(["old:1", "old:2"]), f.image(["keep:1"])])
    let size = try f.size(of: f.ref("old:1"))
    let service = Docksweep.packageRoot.appendingPathComponent(".build/debug/CleanupService")
    let result = try await Docksweep.run(
      ["^\(f.prefix)/old:"], environment: ["XDG_CONFIG_HOME": f.scratch.path], executable: service)
    #expect(result.status == 0, "\(result)")
    #expect(result.lines.first?.hasPrefix("removed 2 references and ") == true, "\(result)")
    #expect(result.lines.dropFirst().first == "reclaimed at most \(size) bytes; 0 failures", "\(result)")
    #expect(try f.refs() == [f.ref("keep:1")], "only the matched image went")
  }
}
