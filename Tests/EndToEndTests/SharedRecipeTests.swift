import Foundation
import TestImages
import Testing

/// Recipes people share: found in DOCKSWEEP_RECIPE_PATH and the config directory before the bundled ones,
/// listed with where they come from, their arguments checked against the header's usage line, and run
/// with exactly the permissions the header asks for.
@Suite struct SharedRecipeTests {
  let directory: URL

  init() throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent("docksweep-recipes-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  }

  func write(_ name: String, _ source: String, in dir: URL? = nil) throws {
    let target = dir ?? directory
    try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
    try Data(source.utf8).write(to: target.appendingPathComponent(name + ".lua"))
  }

  @Test func ownRecipesAreListedAndRunAndWinOverBundledOnes() async throws {
    defer { try? FileManager.default.removeItem(at: directory) }
    try write("greet", "-- Greet someone. Usage: greet NAME\nprint('hello ' .. arg[1])\n")
    try write("disk-usage", "-- My own disk usage. Usage: disk-usage\nprint('mine')\n")
    let config = directory.appendingPathComponent("config")
    try write(
      "from-config", "-- From the config directory. Usage: from-config\nprint('config')\n",
      in: config.appendingPathComponent("docksweep/recipes"))
    let env = ["DOCKSWEEP_RECIPE_PATH": directory.path, "XDG_CONFIG_HOME": config.path]

    let list = try await Docksweep.run(["recipe"], environment: env)
    #expect(list.status == 0, "\(list)")
    #expect(
      list.lines.contains {
        $0.hasPrefix("greet ") && $0.hasSuffix("Greet someone. Usage: greet NAME  (\(directory.path)/greet.lua)")
      }, "\(list)")
    #expect(
      list.lines.contains {
        $0.hasPrefix("from-config ") && $0.contains("(\(config.path)/docksweep/recipes/from-config.lua)")
      }, "\(list)")
    #expect(list.lines.contains { $0.hasPrefix("backup-then-remove ") && $0.contains("[write] ") }, "\(list)")
    #expect(list.lines.filter { $0.hasPrefix("disk-usage ") }.count == 1)

    let greet = try await Docksweep.run(["recipe", "greet", "you"], environment: env)
    #expect(greet.status == 0 && greet.lines == ["hello you"], "\(greet)")
    let mine = try await Docksweep.run(["recipe", "disk-usage"], environment: env)
    #expect(mine.lines == ["mine"], "a person's recipe wins over the bundled one: \(mine)")
    let config1 = try await Docksweep.run(["recipe", "from-config"], environment: env)
    #expect(config1.lines == ["config"], "\(config1)")

    let missing = try await Docksweep.run(["recipe", "greet"], environment: env)
    #expect(missing.status == 2, "\(missing)")
    #expect(missing.stderr == "docksweep: usage: greet NAME\n", "\(missing)")
  }

  @Test func permissionsNeedTheirOptionWithoutATerminal() async throws {
    defer { try? FileManager.default.removeItem(at: directory) }
    try write(
      "needs-trust",
      "-- Reads the environment. Usage: needs-trust\n--- @trust\nprint(os.getenv('DOCKSWEEP_E2E_SEEN'))\n")
    try write("odd", "-- Asks for something unknown.\n--- @allow network\nprint('ran')\n")
    let env = ["DOCKSWEEP_RECIPE_PATH": directory.path, "DOCKSWEEP_E2E_SEEN": "seen"]
    let refused = try await Docksweep.run(["recipe", "needs-trust"], environment: env)
    #expect(refused.status == 2, "\(refused)")
    #expect(refused.stderr.contains("asks to run without the sandbox"), "\(refused)")
    #expect(refused.stderr.contains("run with --trust to allow it"), "\(refused)")
    let trusted = try await Docksweep.run(["--trust", "recipe", "needs-trust"], environment: env)
    #expect(trusted.status == 0 && trusted.lines == ["seen"], "\(trusted)")
    let odd = try await Docksweep.run(["--trust", "recipe", "odd"], environment: env)
    #expect(odd.status == 2 && odd.stderr.contains("'@allow network'"), "\(odd)")
    #expect(!odd.stdout.contains("ran"))
  }

  @Test func aTerminalAsksForThePermission() throws {
    let terminal = try TerminalSession(["recipe", "--help"], engine: nil)
    defer { terminal.close() }
    try write(
      "asks",
      "-- Needs trust. Usage: asks\n--- @trust\nprint(type(os.execute) == 'function' and 'trusted ' .. tostring(os.execute('true')))\n",
      in: terminal.home.appendingPathComponent(".config/docksweep/recipes"))
    try terminal.restart(["recipe", "asks"])
    _ = try terminal.wait(forText: "Allow it for this run? [y/N]")
    try terminal.enter("y")
    _ = try terminal.wait(forText: "trusted true")
    #expect(try terminal.waitForExit() == 0)

    try terminal.restart(["recipe", "asks"])
    _ = try terminal.wait(forText: "Allow it for this run? [y/N]")
    try terminal.enter("n")
    _ = try terminal.wait(forText: "cancelled: the recipe was not run")
    #expect(try terminal.waitForExit() == 1)
  }
}
