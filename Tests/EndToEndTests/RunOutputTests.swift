import Foundation
import TestImages
import Testing

/// Every removal, stop, prune and dry-run plan is shown exactly once, whether or not the script prints its
/// report; `--quiet` leaves only what the script prints.
@Suite struct RunOutputTests {
  func count(_ line: String, in text: String) -> Int {
    text.split(separator: "\n", omittingEmptySubsequences: false).filter { $0 == line }.count
  }

  @Test func removalIsShownWithoutPrint() async throws {
    let f = try Fixture()
    defer { f.cleanUp() }
    try f.load([f.image(["a:1"])])
    let result = try await Docksweep.run(["--yes", "-e", "docker.images():match('\(f.pattern)'):remove()"])
    #expect(result.status == 0, "\(result)")
    #expect(count("Untagged: \(f.ref("a:1"))", in: result.stdout) == 1, "\(result)")
    #expect(result.stdout.contains("Deleted: sha256:"), "\(result)")
    #expect(try f.refs().isEmpty)
  }

  @Test func printedReportIsShownOnce() async throws {
    let f = try Fixture()
    defer { f.cleanUp() }
    try f.load([f.image(["a:1"]), f.image(["b:1"])])
    let result = try await Docksweep.run([
      "--yes", "-e",
      "print(docker.images():match('\(f.pattern)a:'):remove()) docker.images():match('\(f.pattern)b:'):remove()",
    ])
    #expect(result.status == 0, "\(result)")
    #expect(count("Untagged: \(f.ref("a:1"))", in: result.stdout) == 1, "\(result)")
    #expect(count("Untagged: \(f.ref("b:1"))", in: result.stdout) == 1, "\(result)")
  }

  @Test func dryRunAlwaysShowsItsPlan() async throws {
    let f = try Fixture()
    defer { f.cleanUp() }
    try f.load([f.image(["a:1"]), f.image(["a:2"])])
    let result = try await Docksweep.run(["-n", "-e", "docker.images():match('\(f.pattern)'):remove()"])
    #expect(result.status == 0, "\(result)")
    #expect(result.lines.first == "Dry run: would remove 2 images", "\(result)")
    #expect(try f.refs().count == 2, "a dry run removes nothing")
  }

  @Test func quietShowsOnlyWhatTheScriptPrints() async throws {
    let f = try Fixture()
    defer { f.cleanUp() }
    try f.load([f.image(["a:1"]), f.image(["b:1"])])
    let result = try await Docksweep.run([
      "-q", "--yes", "-e",
      "docker.images():match('\(f.pattern)a:'):remove() print(#docker.images():match('\(f.pattern)b:'):remove().untagged)",
    ])
    #expect(result.status == 0, "\(result)")
    #expect(result.stdout == "1\n", "\(result)")
    #expect(try f.refs().isEmpty)
  }

  @Test func removalBeforeAnErrorIsStillShown() async throws {
    let f = try Fixture()
    defer { f.cleanUp() }
    try f.load([f.image(["a:1"])])
    let result = try await Docksweep.run([
      "--yes", "-e", "docker.images():match('\(f.pattern)'):remove() error('later')",
    ])
    #expect(result.status == 1, "\(result)")
    #expect(count("Untagged: \(f.ref("a:1"))", in: result.stdout) == 1, "\(result)")
    #expect(result.stderr.contains("later"), "\(result)")
  }
}
