import Foundation
import TestImages
import Testing

/// Volumes as lists: listed with their sizes, filtered, and removed through the same plan, question,
/// protection and report as images and containers.
@Suite struct VolumeTests {
  @Test func listFilterProtectAndRemove() async throws {
    let f = try Fixture()
    defer {
      f.cleanUp()
      for v in ["a", "b", "used", "keep"] { _ = try? TestEngine.docker(["volume", "rm", "-f", f.containerName(v)]) }
    }
    try f.load([f.image(["app:1"])])
    for v in ["a", "b", "used", "keep"] {
      try TestEngine.docker(["volume", "create", "--label", f.label, f.containerName(v)])
    }
    try TestEngine.docker([
      "create", "--name", f.containerName("user"), "--label", f.label, "-v", "\(f.containerName("used")):/data",
      f.ref("app:1"), "true",
    ])
    let pattern = "^\(f.prefix)-"

    let listed = try await Docksweep.run([
      "-e",
      "local l = docker.volumes():match('\(pattern)') print(#l, #l:unused(), #docker.volumes{label = '\(f.label)'}) "
        + "for _, v in ipairs(l:sort_by('name')) do print(v.name, v.containers, v.size) end",
    ])
    #expect(listed.status == 0, "\(listed)")
    #expect(listed.lines.first == "4\t3\t4", "\(listed)")
    // The engine measures sizes (`docker system df -v`): the used volume holds what the image had at /data.
    #expect(
      listed.lines.contains {
        $0.hasPrefix("\(f.containerName("used"))\t1\t") && Int($0.split(separator: "\t")[2]) != nil
      }, "\(listed)")
    #expect(listed.lines.contains("\(f.containerName("a"))\t0\t0"), "\(listed)")

    let refused = try await Docksweep.run(["-e", "docker.volumes():match('\(pattern)'):unused():remove()"])
    #expect(refused.status == 1 && refused.stderr.contains("refusing to remove 3 volumes"), "\(refused)")

    let removed = try await Docksweep.run([
      "--yes", "--protect", "-keep$", "-e",
      "local r = docker.volumes():match('\(pattern)'):remove() print(#r.removed, #r.skipped, #r.failed) r:ok()",
    ])
    #expect(removed.status == 0, "\(removed)")
    #expect(removed.lines.first == "2\t1\t1", "two removed, the protected one skipped, the used one failed: \(removed)")
    let left = try TestEngine.docker(["volume", "ls", "-q", "--filter", "label=\(f.label)"])
    #expect(Set(left.split(separator: "\n").map(String.init)) == [f.containerName("used"), f.containerName("keep")])

    let json = try await Docksweep.run(["--format", "json", "-e", "print(docker.volumes():match('\(pattern)'))"])
    let volumes = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
    #expect(volumes.count == 2 && volumes.allSatisfy { $0["name"] is String && $0["driver"] as? String == "local" })
  }
}
