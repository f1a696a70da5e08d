import Foundation
import TestImages
import Testing

/// `--format json`: lists, reports and disk usage print as one JSON document a line, that a real JSON
/// parser reads, with the engine's own numbers; errors as one JSON object on standard error.
@Suite struct JSONOutputTests {
  /// `text` pretty-printed by Python's JSON parser (which fails on anything that is not JSON).
  static func pythonParses(_ text: String) throws -> Bool {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("docksweep-json-\(UUID().uuidString)")
    try Data(text.utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    return try Subprocess.run(["/usr/bin/env", "python3", "-m", "json.tool", file.path]).status == 0
  }

  static func object(_ line: Substring) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
  }

  @Test func imageListMatchesTheEngine() async throws {
    let f = try Fixture()
    defer { f.cleanUp() }
    try f.load([f.image(["a:1", "a:2"], created: "2021-03-04T05:06:07Z", size: 12_345), f.image(["b:1"])])
    let result = try await Docksweep.run(["--format", "json", "-e", "print(docker.images():match('\(f.pattern)a:'))"])
    #expect(result.status == 0, "\(result)")
    #expect(result.lines.count == 1, "one document a line: \(result)")
    #expect(try Self.pythonParses(result.stdout), "\(result)")
    let list = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
    #expect(list.count == 1)
    let image = try #require(list.first)
    let inspect = try TestEngine.docker(["image", "inspect", "--format", "{{.Id}} {{.Size}}", f.ref("a:1")])
    #expect(inspect == "\(image["id"] as? String ?? "") \(image["size"] as? Int ?? -1)", "\(image)")
    #expect(
      image["tags"] as? [String] == [f.ref("a:1"), f.ref("a:2")].sorted()
        || image["tags"] as? [String] == [f.ref("a:2"), f.ref("a:1")])
    #expect(image["created"] as? Int == 1_614_834_367)
    #expect(image["created_at"] as? String == "2021-03-04T05:06:07Z")
    #expect(image["labels"] is [String: Any], "labels are an object even when empty")
  }

  @Test func reportsAndDiskUsagePrintAsJSON() async throws {
    let f = try Fixture()
    defer { f.cleanUp() }
    try f.load([f.image(["gone:1"])])
    let result = try await Docksweep.run([
      "--format", "json", "--yes", "-e", "docker.images():match('\(f.pattern)'):remove() print(docker.df())",
    ])
    #expect(result.status == 0, "\(result)")
    #expect(result.lines.count == 2, "\(result)")
    for line in result.lines { #expect(try Self.pythonParses(line), "\(line)") }
    let df = try Self.object(try #require(result.stdout.split(separator: "\n").first))
    let images = try #require(df["images"] as? [String: Any])
    #expect(images["total"] is Int && images["size"] is Int && images["reclaimable"] is Int, "\(df)")
    let report = try Self.object(try #require(result.stdout.split(separator: "\n").last))
    #expect(report["operation"] as? String == "remove")
    #expect(report["object"] as? String == "image")
    #expect(report["untagged"] as? [String] == [f.ref("gone:1")], "\(report)")
    #expect((report["deleted"] as? [String])?.isEmpty == false)
    #expect(report["dry_run"] as? Bool == false)
    #expect(try f.refs().isEmpty)
  }

  @Test func errorsAreAJSONObject() async throws {
    let result = try await Docksweep.run(["--format", "json", "-e", "error('boom')"])
    #expect(result.status == 1)
    #expect(result.stdout.isEmpty)
    #expect(try Self.pythonParses(result.stderr), "\(result)")
    let error = try Self.object(Substring(result.stderr))
    #expect(error["kind"] as? String == "runtime")
    #expect(error["status"] as? Int == 1)
    #expect((error["message"] as? String)?.hasPrefix("(command line):1: boom") == true, "\(error)")

    let usage = try await Docksweep.run(["--format", "json", "-e", "x = = 1"])
    #expect(usage.status == 2)
    #expect(try Self.object(Substring(usage.stderr))["kind"] as? String == "load", "\(usage)")
  }
}
