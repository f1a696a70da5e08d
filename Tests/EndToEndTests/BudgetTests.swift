import Foundation
import TestImages
import Testing

/// Last use and `docker.budget` on an engine of their own (a budget acts on every image of its engine, so
/// it must not meet the images of tests running beside it).
@Suite(.serialized) struct BudgetTests {
  /// A private engine, a state directory, and the images of one test.
  final class Setup: @unchecked Sendable {
    let engine: PrivateEngine
    let fixture: Fixture
    let state: String

    private init() throws {
      engine = try PrivateEngine()
      fixture = try Fixture()
      state = fixture.scratch.appendingPathComponent("state").path
    }

    /// Runs `test` with a fresh engine, which is removed afterwards (both off the cooperative pool).
    static func with(_ test: (Setup) async throws -> Void) async throws {
      try await withOffPool(make: { try Setup() }, dispose: { $0.destroy() }, test)
    }

    private func destroy() {
      engine.destroy()
      try? FileManager.default.removeItem(at: fixture.scratch)
    }

    /// The docker CLI against the private engine.
    func docker(_ arguments: [String]) async throws -> String {
      try await offPool { try self.engine.docker(arguments) }
    }

    /// Loads `images` into the private engine.
    func load(_ images: [TestImage]) async throws {
      let archive = fixture.scratch.appendingPathComponent("load-\(UUID().uuidString).tar")
      defer { try? FileManager.default.removeItem(at: archive) }
      try ImageArchive.write(images, to: archive)
      _ = try await docker(["load", "-i", archive.path])
    }

    /// Uses `ref` as a build or a CI job does: a container is created from it, then removed.
    func use(_ ref: String) async throws {
      let id = try await docker(["create", "--network", "none", ref, "true"])
      _ = try await docker(["rm", id])
    }

    /// docksweep against the private engine, with the state directory.
    func docksweep(_ arguments: [String]) async throws -> RunResult {
      try await Docksweep.run(arguments, environment: ["DOCKER_HOST": engine.host, "XDG_STATE_HOME": state])
    }

    /// The references on the engine.
    func refs() async throws -> Set<String> {
      Set(
        try await docker(["image", "ls", "--format", "{{.Repository}}:{{.Tag}}"]).split(separator: "\n").map(
          String.init))
    }

    /// The state file's JSON.
    func stateFile() throws -> [String: Any] {
      let directory = state + "/docksweep"
      let name = try #require(
        try FileManager.default.contentsOfDirectory(atPath: directory).first { $0.hasSuffix(".json") })
      let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))
      return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }
  }

  /// The plan's targets, from a dry run's JSON report.
  static func planned(_ result: RunResult) throws -> [String] {
    let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let planned = try #require(report["planned"] as? [[String: Any]])
    return planned.compactMap { $0["target"] as? String }
  }

  /// Images used through containers in a known order and created in the opposite order go least recently
  /// used first; uses made while docksweep was not running are recovered from the engine's events.
  @Test func evictionFollowsLastUseNotCreationAcrossRestarts() async throws {
    try await Setup.with { s in
      let f = s.fixture
      try await s.load([
        f.image(["c:1"], created: "2020-01-01T00:00:00Z", size: 1_000_000),
        f.image(["b:1"], created: "2020-01-02T00:00:00Z", size: 1_000_000),
        f.image(["a:1"], created: "2020-01-03T00:00:00Z", size: 1_000_000),
      ])
      let first = try await s.docksweep(["-e", "print(#docker.images():sort_by('last_used'))"])
      #expect(first.status == 0 && first.lines == ["3"], "\(first)")
      // Used while docksweep is not running: a first, c last, each a second apart (events have whole seconds).
      for name in ["a:1", "b:1", "c:1"] {
        try await Task.sleep(for: .milliseconds(1100))
        try await s.use(f.ref(name))
      }
      let order = try await s.docksweep([
        "-e",
        "for _, i in ipairs(docker.images():sort_by('last_used')) do print(i.repository, i.use_count >= 1) end",
      ])
      #expect(order.lines == [f.ref("a"), f.ref("b"), f.ref("c")].map { "\($0)\ttrue" }, "\(order)")
      let plan = try await s.docksweep([
        "-n", "--format", "json", "-e", "print(docker.budget{images = '1B', min_age = '0s'})",
      ])
      let targets = try Self.planned(plan)
      #expect(targets.count == 3, "\(plan)")
      for (target, name) in zip(targets, ["a:1", "b:1", "c:1"]) { #expect(target.contains(f.ref(name)), "\(targets)") }

      // The images hold 3 MB of their own (and share nothing): a budget 0.5 MB below that evicts only a.
      let df = try await s.docker(["system", "df", "--format", "{{.Type}} {{.Size}}"])
      #expect(df.contains("Images"), "\(df)")
      let total = try await s.docksweep(["-e", "print(docker.df().images.size)"])
      let bytes = try #require(Int64(total.lines.first ?? ""), "\(total)")
      let run = try await s.docksweep([
        "--yes", "--format", "json", "-e", "print(docker.budget{images = \(bytes - 500_000), min_age = '0s'})",
      ])
      #expect(run.status == 0, "\(run)")
      let left = try await s.refs()
      #expect(left == [f.ref("b:1"), f.ref("c:1")], "\(run)")
      let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
      let budget = try #require(report["budget"] as? [String: Any])
      #expect(budget["met"] as? Bool == true && (budget["after"] as? Int64 ?? .max) <= bytes - 500_000, "\(report)")
      #expect(report["untagged"] as? [String] == [f.ref("a:1")], "\(report)")
    }
  }

  /// Images in use, protected or used within min_age stay; the report says how much each holds.
  @Test func inUseProtectedAndRecentImagesStay() async throws {
    try await Setup.with { s in
      let f = s.fixture
      try await s.load([
        f.image(["used:1"], size: 100_000), f.image(["kept:1"], size: 200_000), f.image(["free:1"], size: 400_000),
      ])
      _ = try await s.docker([
        "create", "--network", "none", "--name", f.containerName("user"), f.ref("used:1"), "true",
      ])
      let recent = try await s.docksweep([
        "-n", "--format", "json", "-e", "print(docker.budget{images = '1B', keep = {'/kept:'}, min_age = '1h'})",
      ])
      #expect(try Self.planned(recent).isEmpty, "all were loaded just now: \(recent)")
      let plan = try await s.docksweep([
        "-n", "--format", "json", "--protect", "^nothing$", "-e",
        "print(docker.budget{images = '1B', keep = {'/kept:'}, min_age = '0s'})",
      ])
      let targets = try Self.planned(plan)
      #expect(targets.count == 1 && targets[0].contains(f.ref("free:1")), "\(plan)")
      let text = try await s.docksweep(["-n", "-e", "docker.budget{images = '1B', keep = {'/kept:'}, min_age = '0s'}"])
      #expect(text.stdout.contains("(used by a container)") && text.stdout.contains("(protected)"), "\(text)")
      let report = try #require(try JSONSerialization.jsonObject(with: Data(plan.stdout.utf8)) as? [String: Any])
      let budget = try #require(report["budget"] as? [String: Any])
      #expect((budget["held_by_containers"] as? Int64 ?? 0) >= 100_000, "\(budget)")
      #expect((budget["held_by_protection"] as? Int64 ?? 0) >= 200_000, "\(budget)")
      #expect(budget["held_by_min_age"] as? Int64 == 0, "\(budget)")

      let run = try await s.docksweep([
        "--yes", "-e", "docker.budget{images = '1B', keep = {'/kept:'}, min_age = '0s'}",
      ])
      #expect(run.status == 0, "\(run)")
      #expect(run.stdout.contains("not met") && run.stdout.contains("Held: "), "the budget cannot be met: \(run)")
      let left = try await s.refs()
      #expect(left == [f.ref("used:1"), f.ref("kept:1")], "\(run)")
    }
  }

  /// A budget in percent is of the filesystem holding the engine's data root, measured with statfs.
  @Test func percentBudgetMeasuresTheDataRootFilesystem() async throws {
    try await Setup.with { s in
      try await s.load([s.fixture.image(["p:1"], size: 10_000)])
      let root = try await s.docker(["info", "--format", "{{.DockerRootDir}}"])
      func usage() throws -> (capacity: Int64, used: Int64) {
        var info = statvfs()
        #expect(statvfs(root, &info) == 0)
        let block = Int64(info.f_frsize)
        return (Int64(info.f_blocks) * block, (Int64(info.f_blocks) - Int64(info.f_bavail)) * block)
      }
      let before = try usage()
      let result = try await s.docksweep([
        "-n", "--format", "json", "-e", "print(docker.budget{images = '50%', low = '40%'})",
      ])
      let after = try usage()
      let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
      let budget = try #require(report["budget"] as? [String: Any], "\(result)")
      #expect(budget["measure"] as? String == "filesystem")
      #expect(budget["high"] as? Int64 == before.capacity / 2, "\(budget) capacity \(before.capacity)")
      #expect(budget["low"] as? Int64 == before.capacity * 40 / 100, "\(budget)")
      let measured = try #require(budget["before"] as? Int64)
      let slack: Int64 = 256 << 20
      #expect(measured >= min(before.used, after.used) - slack && measured <= max(before.used, after.used) + slack)

      let remote = try await Docksweep.run(["-H", "ssh://builder@ci-1.example", "-e", "docker.budget{images = '80%'}"])
      #expect(remote.status == 1 && remote.stderr.contains("is not on this machine"), "\(remote)")
      let bad = try await s.docksweep(["-e", "docker.budget{images = '80 percent'}"])
      #expect(bad.status == 1 && bad.stderr.contains("option 'images' must be a size or a percentage"), "\(bad)")
    }
  }

  /// A damaged state file is a warning and is rebuilt; processes updating the file at once all succeed and
  /// leave it whole.
  @Test func damagedStateFileAndConcurrentProcesses() async throws {
    try await Setup.with { s in
      try await s.load([s.fixture.image(["d:1"]), s.fixture.image(["e:1"])])
      let first = try await s.docksweep(["-e", "print(docker.images()[1].last_used ~= nil)"])
      #expect(first.lines == ["true"], "\(first)")
      let directory = s.state + "/docksweep"
      let name = try #require(
        try FileManager.default.contentsOfDirectory(atPath: directory).first { $0.hasSuffix(".json") })
      try Data("{\"version\": 1, \"tab".utf8).write(to: URL(fileURLWithPath: directory + "/" + name))
      let damaged = try await s.docksweep(["-e", "print(#docker.images():unused_for('1h'))"])
      #expect(damaged.status == 0 && damaged.lines == ["0"], "\(damaged)")
      #expect(damaged.stderr.contains("warning:") && damaged.stderr.contains("is damaged"), "\(damaged)")
      #expect(((try s.stateFile()["table"] as? [String: Any])?["images"] as? [String: Any])?.count == 2)

      let runs = try await withThrowingTaskGroup(of: RunResult.self) { group in
        for _ in 0..<4 {
          group.addTask { try await s.docksweep(["-e", "print(#docker.images():sort_by('last_used'))"]) }
        }
        return try await group.reduce(into: []) { $0.append($1) }
      }
      #expect(runs.allSatisfy { $0.status == 0 && $0.lines == ["2"] && !$0.stderr.contains("warning") }, "\(runs)")
      #expect(((try s.stateFile()["table"] as? [String: Any])?["images"] as? [String: Any])?.count == 2)
    }
  }

  /// The bundled budget recipes: keep-under (docuum's policy) and kubelet-gc (the kubelet's watermarks).
  @Test func budgetRecipes() async throws {
    try await Setup.with { s in
      try await s.load([s.fixture.image(["r:1"], size: 300_000), s.fixture.image(["r:2"], size: 300_000)])
      let missing = try await s.docksweep(["recipe", "keep-under"])
      #expect(missing.status == 2 && missing.stderr.contains("usage: keep-under SIZE|PERCENT"), "\(missing)")
      let fresh = try await s.docksweep(["-n", "recipe", "keep-under", "1B"])
      #expect(
        fresh.status == 0 && fresh.stdout.contains("would remove 0 objects"), "min_age keeps new images: \(fresh)")
      let under = try await s.docksweep(["-n", "recipe", "kubelet-gc", "100%", "100%", "0s"])
      #expect(under.status == 0 && under.stdout.contains("would remove 0 objects"), "\(under)")
      #expect(under.stdout.contains("Filesystem: "), "\(under)")
      let over = try await s.docksweep(["-n", "--format", "json", "recipe", "kubelet-gc", "0%", "0%", "0s"])
      let report = try #require(
        try JSONSerialization.jsonObject(with: Data(over.stdout.utf8)) as? [String: Any], "\(over)")
      #expect((report["planned"] as? [Any])?.count == 2, "\(report)")
      let run = try await s.docksweep(["--yes", "recipe", "keep-under", "1B", "0s"])
      #expect(run.status == 0 && run.stdout.contains("Total reclaimed space:"), "\(run)")
      let left = try await s.refs()
      #expect(left.isEmpty || left == ["<none>:<none>"], "\(run)")
    }
  }
}
