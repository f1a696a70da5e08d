import Foundation
import TestImages
import Testing

/// Runs that look at or act on the whole engine: `docker.df()` against `docker system df`, and the recipes
/// without a selection of their own. Other tests (and other test runs) share the engine, so removals here
/// protect everything not named after this test's prefix (`protectOthers`), use creation
/// dates no other test uses (1985), or are dry runs whose plan is checked where a real run could reach
/// others' dangling images, which have no name to protect.
@Suite(.serialized) struct WholeEngineTests {
  /// The cells of a docker-style table, split at runs of two or more spaces.
  static func cells(_ text: String) -> [[String]] {
    text.split(separator: "\n").map { line in
      line.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
  }

  /// Runs `arguments` (which print `docker.df()`) until its table equals `docker system df` taken just
  /// before or just after it; the engine may change between the two while other tests run.
  func expectSameAsDockerSystemDF(_ arguments: [String]) async throws {
    var last = ""
    for _ in 0..<10 {
      let before = try await Self.dockerSystemDF()
      let result = try await Docksweep.run(arguments)
      let after = try await Self.dockerSystemDF()
      #expect(result.status == 0, "\(result)")
      let ours = Self.cells(result.stdout)
      if ours == Self.cells(before) || ours == Self.cells(after) {
        #expect(ours.first == ["TYPE", "TOTAL", "ACTIVE", "SIZE", "RECLAIMABLE"])
        #expect(ours.count == 5)
        return
      }
      last = "docksweep:\n\(result.stdout)\ndocker system df before:\n\(before)\nafter:\n\(after)"
      try await Task.sleep(for: .milliseconds(500))
    }
    Issue.record("docker.df() never matched docker system df:\n\(last)")
  }

  /// `docker system df`, asked again while the engine refuses it because another test's disk-usage request
  /// runs (engines before 23.0 allow one at a time; the docker CLI does not wait).
  static func dockerSystemDF() async throws -> String {
    for _ in 0..<50 {
      do {
        return try TestEngine.docker(["system", "df"])
      } catch let error where "\(error)".contains("disk usage operation is already running") {
        try await Task.sleep(for: .milliseconds(200))
      }
    }
    return try TestEngine.docker(["system", "df"])
  }

  /// `--protect` for everything that is not `f`'s.
  func protectOthers(_ f: Fixture) -> [String] { ["--protect", Self.notStarting(with: f.prefix)] }

  /// A pattern for names that do not start with `prefix` (letters, digits and `-`), written without
  /// look-ahead, which linear-time regexes do not have: a name differs from the prefix at some position,
  /// or ends inside it.
  static func notStarting(with prefix: String) -> String {
    let chars = Array(prefix)
    let branches = chars.indices.flatMap { i in
      let same = String(chars[..<i])
      return ["\(same)[^\(chars[i])]", "\(same)$"]
    }
    return "^(?:" + branches.joined(separator: "|") + ")"
  }

  /// The plan lines dry runs printed after headers starting with `header` (`Dry run: would remove ...`).
  func plan(_ result: RunResult, header: String = "Dry run: would remove") -> [String] {
    var lines: [String] = []
    var inside = false
    for line in result.lines {
      if line.hasPrefix(header) {
        inside = true
      } else if inside && line.hasPrefix("  ") {
        lines.append(line)
      } else {
        inside = false
      }
    }
    return lines
  }

  @Test func dfMatchesDockerSystemDF() async throws {
    let f = try Fixture()
    defer { f.cleanUp() }
    // Something of each kind the test engine can have: used and unused images, a running and a stopped container.
    try f.load([f.image(["app:1"], runnable: true), f.image(["spare:1"], size: 300_000)])
    try f.run(f.ref("app:1"), name: "running")
    try f.create(f.ref("app:1"), name: "stopped")
    try await expectSameAsDockerSystemDF(["-e", "print(docker.df())"])
    try await expectSameAsDockerSystemDF(["recipe", "disk-usage"])
  }

  @Test func dfFieldsMatchItsTable() async throws {
    _ = try TestEngine.host()
    let result = try await Docksweep.run([
      "-e",
      #"""
      local d = docker.df()
      print(d)
      for _, k in ipairs({"images", "containers", "volumes", "build_cache"}) do
        local row = d[k]
        print(k, row.total, row.active, units.size(row.size, 4), units.size(row.reclaimable, 4))
      end
      """#,
    ])
    #expect(result.status == 0, "\(result)")
    #expect(result.lines.count == 9, "\(result)")
    let table = Self.cells(result.lines.prefix(5).joined(separator: "\n")).dropFirst()
    let fields = result.lines.suffix(4).map { $0.split(separator: "\t").map(String.init) }
    for (row, field) in zip(table, fields) {
      #expect(row.count == 5 && field.count == 5, "\(row) \(field)")
      guard row.count == 5, field.count == 5 else { continue }
      #expect(Array(row[1...3]) == Array(field[1...3]), "\(row) \(field)")
      #expect(row[4].hasPrefix(field[4]), "\(row) \(field)")
    }
  }

  @Test func pruneContainersRecipe() async throws {
    let f = try Fixture()
    defer { f.cleanUp() }
    try f.load([f.image(["app:1"], runnable: true)])
    let (created, exited) = try f.containersInEveryState(of: f.ref("app:1"))
    let result = try await Docksweep.runRetryingPrune(protectOthers(f) + ["--yes", "recipe", "prune-containers"])
    #expect(result.status == 0, "\(result)")
    #expect(result.lines.contains(created) && result.lines.contains(exited), "\(result)")
    #expect(try f.containers() == [f.containerName("running"): "running"])
  }

  @Test func pruneDanglingRecipePlan() async throws {
    let f = try Fixture()
    defer { f.cleanUp() }
    let ids = try f.load([f.image([], created: "2020-06-10T10:00:00Z"), f.image(["tagged:1"])])
    let result = try await Docksweep.run(["--dry-run", "recipe", "prune-dangling"])
    #expect(result.status == 0, "\(result)")
    let plan = plan(result)
    #expect(plan.contains { $0.hasPrefix("  \(Fixture.shortID(ids[0]))  ") }, "\(result)")
    #expect(!plan.contains { $0.contains(Fixture.shortID(ids[1])) }, "\(result)")
    #expect(try f.imageIDs() == Set(ids))
  }

  @Test func pruneUnusedRecipePlan() async throws {
    let f = try Fixture()
    defer { f.cleanUp() }
    let ids = try f.load([f.image(["unused:1"]), f.image(["used:1"], runnable: true), f.image([])])
    try f.create(f.ref("used:1"), name: "user")
    let result = try await Docksweep.run(["--dry-run", "recipe", "prune-unused"])
    #expect(result.status == 0, "\(result)")
    let plan = plan(result)
    // Images are planned by ID, a tagged one with its tags.
    #expect(plan.contains { $0.hasPrefix("  \(Fixture.shortID(ids[0])) (\(f.ref("unused:1")))  ") }, "\(result)")
    #expect(plan.contains { $0.hasPrefix("  \(Fixture.shortID(ids[2]))  ") }, "\(result)")
    #expect(!plan.contains { $0.contains(Fixture.shortID(ids[1])) || $0.contains(f.ref("used:1")) }, "\(result)")
    #expect(try f.imageIDs() == Set(ids))
  }

  @Test func pruneOlderThanRecipe() async throws {
    let f = try Fixture()
    defer { f.cleanUp() }
    try f.load([
      f.image(["old:1"], created: "1985-03-01T00:00:00Z"), f.image(["old:2"], created: "1985-04-01T00:00:00Z"),
      f.image(["old-used:1"], created: "1985-05-01T00:00:00Z", runnable: true), f.image(["recent:1"]),
    ])
    try f.create(f.ref("old-used:1"), name: "user")
    // 300000 hours is about 34 years: only images older than 1991 qualify.
    let result = try await Docksweep.runRetryingPrune(
      protectOthers(f) + ["--yes", "recipe", "prune-older-than", "300000h"])
    #expect(result.status == 0, "\(result)")
    #expect(try f.refs() == [f.ref("old-used:1"), f.ref("recent:1")], "\(result)")
  }

  @Test func removeCreatedBeforeRecipe() async throws {
    let f = try Fixture()
    defer { f.cleanUp() }
    try f.load([
      f.image(["old:1"], created: "1985-03-01T00:00:00Z"), f.image(["old:2"], created: "1985-04-01T00:00:00Z"),
      f.image(["old-used:1"], created: "1985-05-01T00:00:00Z", runnable: true),
      f.image(["later:1"], created: "1987-01-01T00:00:00Z"),
    ])
    try f.create(f.ref("old-used:1"), name: "user")
    let result = try await Docksweep.run(protectOthers(f) + ["--yes", "recipe", "remove-created-before", "1986-01-01"])
    #expect(result.status == 0, "\(result)")
    #expect(try f.refs() == [f.ref("old-used:1"), f.ref("later:1")], "\(result)")
  }

  @Test func removeUnusedOlderThanRecipe() async throws {
    let f = try Fixture()
    defer { f.cleanUp() }
    try f.load([
      f.image(["old:1"], created: "1985-03-01T00:00:00Z"),
      f.image(["old-used:1"], created: "1985-05-01T00:00:00Z", runnable: true), f.image(["recent:1"]),
    ])
    try f.run(f.ref("old-used:1"), name: "user")
    // 12500 days is about 34 years.
    let result = try await Docksweep.run(protectOthers(f) + ["--yes", "recipe", "remove-unused-older-than", "12500d"])
    #expect(result.status == 0, "\(result)")
    #expect(try f.refs() == [f.ref("old-used:1"), f.ref("recent:1")], "\(result)")
  }

  @Test func removeLargestRecipePlan() async throws {
    let f = try Fixture()
    defer { f.cleanUp() }
    let ids = try f.load([
      f.image(["small:1"], size: 10_000), f.image(["big:1"], size: 900_000), f.image(["used:1"], runnable: true),
    ])
    try f.create(f.ref("used:1"), name: "user")
    let result = try await Docksweep.run(["--dry-run", "recipe", "remove-largest", "100000"])
    #expect(result.status == 0, "\(result)")
    let plan = plan(result)
    let big = plan.firstIndex { $0.hasPrefix("  \(Fixture.shortID(ids[1])) (\(f.ref("big:1")))  ") }
    let small = plan.firstIndex { $0.hasPrefix("  \(Fixture.shortID(ids[0])) (\(f.ref("small:1")))  ") }
    #expect(big != nil && small != nil, "\(result)")
    if let big, let small { #expect(big < small, "largest first: \(result)") }
    #expect(!plan.contains { $0.contains(Fixture.shortID(ids[2])) }, "used images stay: \(result)")
    #expect(try f.imageIDs() == Set(ids))

    let two = try await Docksweep.run(["--dry-run", "recipe", "remove-largest"])
    #expect(two.status == 0, "\(two)")
    #expect(self.plan(two).count <= 2, "\(two)")
  }

  @Test func removeEverythingRecipePlan() async throws {
    let f = try Fixture()
    defer { f.cleanUp() }
    let ids = try f.load([f.image(["app:1"], runnable: true), f.image(["other:1", "other:2"])])
    let container = try f.run(f.ref("app:1"), name: "running")
    let result = try await Docksweep.run(protectOthers(f) + ["--dry-run", "recipe", "remove-everything"])
    #expect(result.status == 0, "\(result)")
    #expect(
      plan(result, header: "Dry run: would remove 1 container") == [
        "  \(container.prefix(12)) \(f.containerName("running")) (remove)"
      ], "\(result)")
    // Other tests' dangling images may be in the plan too: they have no name to protect.
    let images = plan(result, header: "Dry run: would remove ").filter { !$0.hasSuffix("(remove)") }
      .compactMap { $0.split(separator: " ").first.map(String.init) }
    #expect(!result.stdout.contains("would stop"), "\(result)")
    #expect(Set(ids.map(Fixture.shortID)).isSubset(of: images), "\(result)")
    #expect(!result.stdout.contains("Skipped: \(f.prefix)"), "\(result)")
    #expect(try f.imageIDs() == Set(ids))
    #expect(try f.containers() == [f.containerName("running"): "running"])
  }
}
