import Foundation
import TestImages
import Testing

/// The bundled recipes: listed, shown, and each run against images of its own. Recipes that act on the
/// whole engine run in ``WholeEngineTests``.
@Suite struct RecipeTests {
  /// The recipes of `recipes/`: name and source.
  static func recipeFiles() throws -> [(name: String, source: String)] {
    let directory = Docksweep.packageRoot.appendingPathComponent("recipes")
    let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".lua") }
    return try names.sorted().map { file in
      (String(file.dropLast(4)), try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8))
    }
  }

  /// The first comment line of a recipe, without its dashes.
  static func summary(_ source: String) -> String {
    for line in source.split(separator: "\n") {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.hasPrefix("#!") { continue }
      if trimmed.hasPrefix("--") { return trimmed.drop(while: { $0 == "-" }).trimmingCharacters(in: .whitespaces) }
      if !trimmed.isEmpty { break }
    }
    return ""
  }

  /// Recipes run by a test here, in ``WholeEngineTests`` or (the budget recipes) in ``BudgetTests``; a new
  /// recipe needs a test.
  static let tested: Set<String> = [
    "backup-then-remove", "disk-usage", "keep-latest", "keep-under", "kubelet-gc", "prune-containers", "prune-dangling",
    "prune-older-than",
    "prune-unused", "remove-by-name", "remove-created-before", "remove-everything", "remove-image",
    "remove-largest", "remove-unused-older-than", "stop-containers-using",
  ]

  @Test func everyRecipeHasATest() async throws {
    #expect(Set(try Self.recipeFiles().map(\.name)) == Self.tested)
  }

  @Test func listsEveryRecipe() async throws {
    let result = try await Docksweep.run(["recipe"])
    #expect(result.status == 0, "\(result)")
    let files = try Self.recipeFiles()
    #expect(result.lines.count == files.count, "\(result)")
    for (name, source) in files {
      let line = result.lines.first { $0.hasPrefix(name + " ") }
      #expect(line != nil, "\(name) listed: \(result)")
      let summary = Self.summary(source)
      #expect(!summary.isEmpty, "\(name) starts with a comment saying what it does")
      #expect(line?.hasSuffix(summary) == true, "\(name): \(line ?? "")")
    }
  }

  @Test func showPrintsTheSource() async throws {
    for (name, source) in try Self.recipeFiles() {
      let result = try await Docksweep.run(["recipe", "--show", name])
      #expect(result.status == 0, "\(result)")
      #expect(
        result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
          == source.trimmingCharacters(in: .whitespacesAndNewlines), "\(name)")
    }
  }

  @Test func unknownRecipeExitsTwo() async throws {
    let result = try await Docksweep.run(["recipe", "prune-everything-now"])
    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains("no recipe named 'prune-everything-now'"), "\(result)")
    #expect(result.stderr.contains("prune-dangling"), "the message lists the recipes: \(result)")
  }

  @Test(arguments: [
    "backup-then-remove", "prune-older-than", "remove-by-name", "remove-created-before", "remove-image",
    "remove-unused-older-than", "stop-containers-using",
  ])
  func recipeWithoutItsArgumentSaysHowToCallIt(_ name: String) async throws {
    let result = try await Docksweep.run(["recipe", name])
    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.hasPrefix("docksweep: usage: \(name)"), "\(result)")
    #expect(!result.stderr.contains("traceback"), "a usage error needs no traceback: \(result)")
  }

  /// `usage(text)` in a script file ends the run as a usage error; caught with pcall, it is an ordinary error.
  @Test func usageEndsARunWithStatusTwo() async throws {
    let result = try await Docksweep.run(["recipe", "keep-latest", "three"])
    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.hasPrefix("docksweep: usage: keep-latest"), "\(result)")
    let caught = try await Docksweep.run(["-e", #"print(pcall(usage, "x ARG")) print("went on")"#])
    #expect(caught.status == 0, "\(caught)")
    #expect(caught.lines.last == "went on", "\(caught)")
  }

  @Test func typesCoverTheWholeAPI() async throws {
    let types = try await Docksweep.run(["types"])
    #expect(types.status == 0, "\(types)")
    #expect(types.stdout.hasPrefix("---@meta"), "\(types.stdout.prefix(200))")

    // Every entry `help()` lists is declared.
    let help = try await Docksweep.run(["-e", "help()"])
    #expect(help.status == 0, "\(help)")
    let names = help.lines.compactMap { line -> String? in
      guard line.hasPrefix("  "), let paren = line.firstIndex(of: "(") else { return nil }
      return String(line[line.index(line.startIndex, offsetBy: 2)..<paren])
    }
    #expect(names.count > 40, "\(help)")
    for name in names { #expect(types.stdout.contains("function \(name)("), "\(name) declared") }

    // Every function of the modules is declared.
    let modules = try await Docksweep.run([
      "-e",
      #"""
      for _, module in ipairs({"docker", "units"}) do
        local names = {}
        for name in pairs(_G[module]) do names[#names + 1] = module .. "." .. name end
        table.sort(names)
        print(table.concat(names, " "))
      end
      """#,
    ])
    #expect(modules.status == 0, "\(modules)")
    let functions = modules.lines.flatMap { $0.split(separator: " ").map(String.init) }
    #expect(functions.contains("docker.images") && functions.contains("units.bytes"))
    for name in functions { #expect(types.stdout.contains("function \(name)("), "\(name) declared") }
  }

  @Test func diskUsagePrintsTheDockerTable() async throws {
    _ = try TestEngine.host()
    let result = try await Docksweep.run(["recipe", "disk-usage"])
    #expect(result.status == 0, "\(result)")
    #expect(result.lines.first == "TYPE            TOTAL     ACTIVE    SIZE      RECLAIMABLE", "\(result)")
    #expect(
      result.lines.dropFirst().map { $0.prefix(16).trimmingCharacters(in: .whitespaces) }
        == ["Images", "Containers", "Local Volumes", "Build Cache"], "\(result)")
  }

  @Test func backupThenRemove() async throws {
    let f = try Fixture()
    defer { f.cleanUp() }
    try f.load([f.image(["bk:1"]), f.image(["bk:2"]), f.image(["stay:1"])])
    let tar = f.scratch.appendingPathComponent("bk.tar")
    let result = try await Docksweep.run([
      "--allow-write", f.scratch.path, "--yes", "recipe", "backup-then-remove", "^\(f.prefix)/bk:", tar.path,
    ])
    #expect(result.status == 0, "\(result)")
    #expect(result.lines.first?.hasPrefix("saved 2 images (") == true, "\(result)")
    #expect(result.lines.first?.hasSuffix(") to \(tar.path)") == true, "\(result)")
    #expect(try f.refs() == [f.ref("stay:1")])
    try TestEngine.load(tar)
    #expect(try f.refs() == [f.ref("bk:1"), f.ref("bk:2"), f.ref("stay:1")])

    let nothing = try await Docksweep.run([
      "--allow-write", f.scratch.path, "recipe", "backup-then-remove", "^\(f.prefix)/none:", tar.path,
    ])
    #expect(nothing.status == 0, "\(nothing)")
    #expect(nothing.lines == ["no image matches ^\(f.prefix)/none:"])

    let refused = try await Docksweep.run([
      "--yes", "recipe", "backup-then-remove", "^\(f.prefix)/bk:", f.scratch.appendingPathComponent("x.tar").path,
    ])
    #expect(refused.status == 2, "the header's @allow write needs --allow-write without a terminal: \(refused)")
    #expect(refused.stderr.contains("--allow-write"), "\(refused)")
    #expect(try f.refs().count == 3, "nothing is removed when the backup cannot be written")
  }

  @Test func keepLatest() async throws {
    let f = try Fixture()
    defer { f.cleanUp() }
    var images: [TestImage] = []
    for i in 1...4 { images.append(f.image(["app:\(i)"], created: "2020-0\(i)-01T00:00:00Z")) }
    for i in 1...3 { images.append(f.image(["web:v\(i)"], created: "2020-0\(i)-02T00:00:00Z")) }
    images.append(f.image(["solo:1"]))
    try f.load(images)
    let result = try await Docksweep.run(["recipe", "keep-latest", "2", f.pattern, "--yes"])
    #expect(result.status == 0, "\(result)")
    #expect(try f.refs() == Set(["app:3", "app:4", "web:v2", "web:v3", "solo:1"].map(f.ref)), "\(result)")

    let again = try await Docksweep.run(["recipe", "keep-latest", "2", f.pattern])
    #expect(again.status == 0, "\(again)")
    #expect(again.lines == ["nothing to remove: no repository has more than 2 tags"])
  }

  @Test func removeByName() async throws {
    let f = try Fixture()
    defer { f.cleanUp() }
    try f.load([
      f.image(["postgres:13-beta1"]), f.image(["postgres:13-beta2", "pg:keep"]), f.image(["postgres:12"]),
    ])
    let result = try await Docksweep.run(["--yes", "recipe", "remove-by-name", "^\(f.prefix)/postgres:13-beta"])
    #expect(result.status == 0, "\(result)")
    #expect(try f.refs() == [f.ref("pg:keep"), f.ref("postgres:12")])
  }

  @Test func removeImage() async throws {
    let f = try Fixture()
    defer { f.cleanUp() }
    try f.load([f.image(["free:1"]), f.image(["used:1"], runnable: true)])
    try f.run(f.ref("used:1"), name: "db")

    let free = try await Docksweep.run(["recipe", "remove-image", f.ref("free:1")])
    #expect(free.status == 0, "\(free)")
    #expect(free.lines.first == "Untagged: \(f.ref("free:1"))", "\(free)")
    #expect(!f.exists(f.ref("free:1")))

    let used = try await Docksweep.run(["recipe", "remove-image", f.ref("used:1")])
    #expect(used.status == 1, "\(used)")
    #expect(used.lines.first?.hasPrefix("in use: conflict: unable to remove repository reference") == true, "\(used)")
    #expect(used.stdout.contains(f.containerName("db")), "the recipe shows the container: \(used)")
    #expect(
      used.stderr.hasPrefix("docksweep: image \(f.ref("used:1")) is in use; stop and remove the container first"),
      "\(used)")
    #expect(f.exists(f.ref("used:1")))
  }

  @Test func stopContainersUsing() async throws {
    let f = try Fixture()
    defer { f.cleanUp() }
    try f.load([f.image(["app:1"], runnable: true), f.image(["other:1"], runnable: true)])
    try f.run(f.ref("app:1"), name: "running")
    try f.create(f.ref("app:1"), name: "created")
    try f.run(f.ref("other:1"), name: "bystander")
    let refused = try await Docksweep.run(["recipe", "stop-containers-using", f.ref("app:1")])
    #expect(refused.status == 1, "\(refused)")
    #expect(refused.stderr.contains("--yes"), "\(refused)")
    #expect(try f.containers()[f.containerName("running")] == "running", "a refusal touches nothing")
    let plan = try await Docksweep.run(["--dry-run", "recipe", "stop-containers-using", f.ref("app:1")])
    #expect(plan.lines.contains("Dry run: would remove 2 containers"), "\(plan)")
    let result = try await Docksweep.run(["recipe", "stop-containers-using", f.ref("app:1"), "--yes"])
    #expect(result.status == 0, "\(result)")
    #expect(result.stdout.contains(f.containerName("running")), "\(result)")
    #expect(try f.containers() == [f.containerName("bystander"): "running"])
    #expect(f.exists(f.ref("app:1")), "the recipe leaves the image")

    let removeImage = try await Docksweep.run(["recipe", "remove-image", f.ref("app:1")])
    #expect(removeImage.status == 0, "\(removeImage)")
    #expect(!f.exists(f.ref("app:1")))
  }
}
