import Foundation
import TestImages
import Testing

/// docksweep against Podman's Docker-compatible service (`scripts/podman`, started by the test command):
/// lists with Podman's `localhost/` references, filters, removal with Podman's conflict wording still of
/// kind `conflict`, prunes, disk usage, save, and stopping and removing containers.
@Suite struct PodmanTests {
  let host: String
  let token = UUID().uuidString.prefix(8).lowercased()
  var prefix: String { "pm-\(token)" }
  /// How Podman names this test's image `name`: `localhost/pm-TOKEN/name`.
  func ref(_ name: String) -> String { "localhost/\(prefix)/\(name)" }

  init() throws {
    guard let host = ProcessInfo.processInfo.environment["DOCKSWEEP_TEST_PODMAN_HOST"], !host.isEmpty else {
      throw TestImagesError(
        "DOCKSWEEP_TEST_PODMAN_HOST is not set: these tests need the private Podman service. Run scripts/test, "
          + "or `eval \"$(scripts/podman start)\"` first.")
    }
    self.host = host
  }

  /// Loads images tagged `names` (one image each, `runnable` ones with a static busybox) into Podman.
  func load(_ names: [String], runnable: Bool = false) throws {
    let archive = FileManager.default.temporaryDirectory.appendingPathComponent("podman-\(UUID().uuidString).tar")
    defer { try? FileManager.default.removeItem(at: archive) }
    try ImageArchive.write(
      names.enumerated().map { i, name in
        TestImage(
          tags: ["\(prefix)/\(name)"], created: TestImage.date("2020-0\(1 + i % 9)-01T00:00:00Z"),
          layers: [TestLayer(name: "\(prefix)-\(name)", size: 30_000 + i)], labels: ["docksweep.podman": String(token)],
          busybox: runnable,
          cmd: runnable ? Fixture.waitCommand : nil)
      }, to: archive)
    let loaded = try docksweep(["--trust", "-e", "print(#docker.load('\(archive.path)'))"])
    guard loaded.status == 0 else { throw TestImagesError("cannot load into Podman: \(loaded)") }
  }

  func docksweep(_ arguments: [String]) throws -> Subprocess.Result {
    try Subprocess.run([EngineFailureTests.binary, "-H", host] + arguments)
  }

  /// This test's references on Podman.
  func refs() throws -> [String] {
    let result = try docksweep([
      "-e", "for _, r in ipairs(docker.images():match('^localhost/\(prefix)/'):refs()) do print(r) end",
    ])
    return result.stdout.split(separator: "\n").map(String.init).sorted()
  }

  func cleanUp() {
    _ = try? docksweep(["--yes", "-q", "-e", "docker.containers():match('^\(prefix)-'):remove{force = true}"])
    _ = try? docksweep(["--yes", "-q", "-e", "docker.images():match('^localhost/\(prefix)/'):remove{force = true}"])
  }

  @Test func versionListAndFilter() throws {
    defer { cleanUp() }
    try load(["app:1", "app:2", "web:1"])
    let version = try docksweep(["-e", "local v = docker.version() print(v.engine, v.api_version)"])
    #expect(version.stdout == "Podman\t1.41\n", "\(version)")
    #expect(try refs() == [ref("app:1"), ref("app:2"), ref("web:1")])
    let matched = try docksweep(["-e", "print(#docker.images():match('^localhost/\(prefix)/app:'):larger_than('1kB'))"])
    #expect(matched.stdout == "2\n", "\(matched)")
    let table = try docksweep(["-e", "docker.images():match('^localhost/\(prefix)/web'):print()"])
    #expect(table.stdout.contains("localhost/\(prefix)/web   1 "), "\(table)")
  }

  @Test func removalConflictContainersAndPrune() throws {
    defer { cleanUp() }
    try load(["used:1"], runnable: true)
    try load(["spare:1", "spare:2"])
    let run = try docksweep([
      "--trust", "-e",
      "print(#docker.run{image = '\(ref("used:1"))', name = '\(prefix)-c1', labels = {['docksweep.podman'] = '\(token)'}, cmd = {'sh', '-c', 'trap \"exit 0\" TERM; while :; do sleep 1; done'}})",
    ])
    #expect(run.status == 0, "\(run)")

    let conflict = try docksweep([
      "-e", "local ok, e = pcall(docker.rmi, '\(ref("used:1"))') print(ok, e.kind, e.status)",
    ])
    #expect(conflict.stdout == "false\tconflict\t409\n", "Podman's wording, still a conflict: \(conflict)")

    let stopped = try docksweep([
      "--yes", "-e", "print(#docker.containers():match('^\(prefix)-'):stop{timeout = 1}.removed)",
    ])
    #expect(stopped.stdout.hasPrefix("1\n"), "\(stopped)")
    let state = try docksweep(["-e", "print(docker.containers():match('^\(prefix)-')[1].state)"])
    #expect(state.stdout == "exited\n", "\(state)")

    let removed = try docksweep([
      "--yes", "-e",
      "local r = docker.images():match('^localhost/\(prefix)/spare:'):remove() print(#r.untagged, #r.deleted > 0, r.reclaimed > 0)",
    ])
    #expect(removed.stdout.hasPrefix("2\ttrue\ttrue\n"), "\(removed)")

    let prunedContainers = try docksweep([
      "--yes", "-e", "print(#docker.prune_containers{label = 'docksweep.podman=\(token)'}.removed)",
    ])
    #expect(prunedContainers.stdout.hasPrefix("1\n"), "the stopped container is pruned: \(prunedContainers)")
    let pruned = try docksweep([
      "--yes", "-e", "local r = docker.prune_images{all = true, label = 'docksweep.podman=\(token)'} print(r:ok())",
    ])
    #expect(pruned.status == 0 && pruned.stdout.hasPrefix("true\n"), "an all-prune works on Podman too: \(pruned)")
    #expect(try refs().isEmpty)
  }

  @Test func diskUsageAndSave() throws {
    defer { cleanUp() }
    try load(["keep:1"])
    let df = try docksweep(["-e", "print(docker.df())"])
    #expect(df.status == 0 && df.stdout.hasPrefix("TYPE "), "\(df)")
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("podman-save-\(token)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let tar = directory.appendingPathComponent("keep.tar").path
    let saved = try docksweep([
      "--allow-write", directory.path, "-e", "print(docker.images():match('^localhost/\(prefix)/'):save('\(tar)') > 0)",
    ])
    #expect(saved.stdout == "true\n", "\(saved)")
    #expect(((try? FileManager.default.attributesOfItem(atPath: tar)[.size] as? Int) ?? 0) > 0)
  }
}
