import Foundation
import Testing

/// The command line runs Lua like `lua` does: script arguments, shebang files, `-e` chunks, standard
/// input, global options before or after `run`, and exit statuses 0, 1 and 2.
@Suite final class RunnerTests {
  let directory: URL

  init() throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent("docksweep-runner-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  }

  deinit {
    try? FileManager.default.removeItem(at: directory)
  }

  /// Writes `text` to a file in the test's directory and returns its path.
  @discardableResult
  func file(_ name: String, _ text: String) throws -> String {
    let url = directory.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
  }

  /// Runs docksweep in the test's directory, so that scripts can be named by short relative paths (Lua
  /// shortens long chunk names in messages).
  func run(_ arguments: [String], stdin: String? = nil) async throws -> RunResult {
    try await Docksweep.run(arguments, stdin: stdin, directory: directory)
  }

  @Test func scriptArgumentsAreArgAndVarargs() async throws {
    let script = try file(
      "args.lua",
      """
      print(arg[0])
      print(arg[1], arg[2], arg[3])
      print(select("#", ...), ...)
      print(#arg)
      """)
    let result = try await Docksweep.run([script, "a", "b c", "--yes"])
    #expect(result.status == 0, "\(result)")
    #expect(result.lines == [script, "a\tb c\t--yes", "3\ta\tb c\t--yes", "3"], "\(result)")
  }

  @Test func relativeScriptNameIsArgZero() async throws {
    _ = try file("rel.lua", "print(arg[0], ...)")
    let result = try await Docksweep.run(["rel.lua", "x"], directory: directory)
    #expect(result.status == 0, "\(result)")
    #expect(result.lines == ["rel.lua\tx"])
  }

  @Test func shebangFileRuns() async throws {
    let script = try file(
      "shebang.lua",
      """
      #!/usr/bin/env docksweep
      print("hello from " .. arg[0], ...)
      """)
    let result = try await Docksweep.run([script, "one"])
    #expect(result.status == 0, "\(result)")
    #expect(result.lines == ["hello from \(script)\tone"])

    // Executed directly, the kernel runs `/usr/bin/env docksweep FILE`: the binary must be on PATH.
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
    let bin = try Docksweep.binary().deletingLastPathComponent().path
    let path = bin + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
    let direct = try await Docksweep.run(["two"], environment: ["PATH": path], executable: URL(fileURLWithPath: script))
    #expect(direct.status == 0, "\(direct)")
    #expect(direct.lines == ["hello from \(script)\ttwo"])
  }

  @Test func shebangLineKeepsLineNumbers() async throws {
    try file(
      "shebang-error.lua",
      """
      #!/usr/bin/env docksweep
      local x = 1
      error("third line")
      """)
    let result = try await run(["shebang-error.lua"])
    #expect(result.status == 1, "\(result)")
    #expect(result.stderr.hasPrefix("docksweep: shebang-error.lua:3: third line"), "\(result)")
  }

  @Test func chunksRunInOrderBeforeTheScript() async throws {
    let script = try file("order.lua", #"order[#order + 1] = "script" print(table.concat(order, ","))"#)
    let result = try await Docksweep.run([
      "-e", #"order = {"first"} print("chunk 1")"#, "-e", #"order[#order + 1] = "second" print("chunk 2")"#, script,
    ])
    #expect(result.status == 0, "\(result)")
    #expect(result.lines == ["chunk 1", "chunk 2", "first,second,script"])
  }

  @Test func chunksAloneDoNotReadStandardInput() async throws {
    let result = try await Docksweep.run(["-e", "print('only the chunk')"], stdin: "print('not this')")
    #expect(result.status == 0, "\(result)")
    #expect(result.lines == ["only the chunk"])
  }

  @Test func scriptFromStandardInput() async throws {
    let result = try await Docksweep.run([], stdin: "print('from stdin', select('#', ...))\nprint(1 + 1)\n")
    #expect(result.status == 0, "\(result)")
    #expect(result.lines == ["from stdin\t0", "2"])

    let dash = try await Docksweep.run(["-", "p", "q"], stdin: "print(...)")
    #expect(dash.status == 0, "\(dash)")
    #expect(dash.lines == ["p\tq"])
  }

  @Test func standardInputErrorsNameStdin() async throws {
    let result = try await Docksweep.run([], stdin: "local a = 1\nerror('from stdin')\n")
    #expect(result.status == 1, "\(result)")
    #expect(result.stderr.hasPrefix("docksweep: stdin:2: from stdin"), "\(result)")
  }

  @Test func globalOptionsBeforeAndAfterRun() async throws {
    let plain = try file("plain.lua", #"print("ok", ...)"#)
    let yes = try await Docksweep.run(["--yes", "run", plain, "x"])
    #expect(yes.status == 0, "\(yes)")
    #expect(yes.lines == ["ok\tx"], "\(yes)")
    let yesAfter = try await Docksweep.run(["run", "-y", "--protect", "^keep/", plain, "y"])
    #expect(yesAfter.status == 0, "\(yesAfter)")
    #expect(yesAfter.lines == ["ok\ty"], "\(yesAfter)")

    // A dry run answers `docker.rmi` with a plan and never asks the engine, so the flag's effect shows; the
    // plan the script did not print is shown after it.
    let plan = ["ok\ttrue", "Dry run: would remove 1 image", "  e2e-none/nothing:1"]
    let script = try file("opts.lua", #"print("ok", docker.rmi("e2e-none/nothing:1").dry_run)"#)

    let dryAfter = try await Docksweep.run(["run", "--dry-run", script])
    #expect(dryAfter.status == 0, "\(dryAfter)")
    #expect(dryAfter.lines == plan, "\(dryAfter)")

    let dryBefore = try await Docksweep.run(["-n", script])
    #expect(dryBefore.status == 0, "\(dryBefore)")
    #expect(dryBefore.lines == plan, "\(dryBefore)")

    let both = try await Docksweep.run(["-y", "run", "-n", script])
    #expect(both.status == 0, "\(both)")
    #expect(both.lines == plan, "\(both)")
  }

  @Test func runtimeErrorExitsOneWithTraceback() async throws {
    try file(
      "fails.lua",
      """
      local function inner()
        error("something broke")
      end
      inner()
      """)
    let result = try await run(["fails.lua"])
    #expect(result.status == 1, "\(result)")
    #expect(result.stderr.hasPrefix("docksweep: fails.lua:2: something broke\n"), "\(result)")
    #expect(result.stderr.contains("stack traceback:"), "\(result)")
    #expect(result.stderr.contains("fails.lua:4: in main chunk"), "\(result)")
  }

  @Test func runtimeErrorInChunk() async throws {
    let result = try await Docksweep.run(["-e", "local t = nil\nprint(t.x)"])
    #expect(result.status == 1, "\(result)")
    #expect(result.stderr.hasPrefix("docksweep: (command line):2: attempt to index a nil value"), "\(result)")
    #expect(result.stderr.contains("stack traceback:"), "\(result)")
  }

  @Test func errorInAChunkStopsTheScript() async throws {
    let script = try file("never.lua", "print('script ran')")
    let result = try await Docksweep.run(["-e", "error('stop here')", script])
    #expect(result.status == 1, "\(result)")
    #expect(!result.stdout.contains("script ran"))
  }

  @Test func syntaxErrorExitsTwo() async throws {
    try file("syntax.lua", "print('fine')\nlocal x = = 1\n")
    let result = try await run(["syntax.lua"])
    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.hasPrefix("docksweep: syntax.lua:2:"), "\(result)")
    #expect(result.stdout.isEmpty, "nothing of a script that does not compile runs")

    let chunk = try await Docksweep.run(["-e", "for"])
    #expect(chunk.status == 2, "\(chunk)")
    #expect(chunk.stderr.contains("(command line):1:"), "\(chunk)")
  }

  /// An option's value is the next word whatever it starts with: a chunk opening with a comment runs, and a
  /// negative time limit is refused as such rather than as a missing value.
  @Test func valuesStartingWithADash() async throws {
    let comment = try await run(["-e", "-- first a comment\nprint('ran')"])
    #expect(comment.status == 0, "\(comment)")
    #expect(comment.lines == ["ran"], "\(comment)")
    let negative = try await run(["--timeout", "-1", "-e", "print('ran')"])
    #expect(negative.status == 2, "\(negative)")
    #expect(negative.stderr.contains("--timeout must be a positive number"), "\(negative)")
  }

  /// A bad file or chunk anywhere on the command line stops the run before any chunk runs.
  @Test func nothingRunsWhenAnyPartCannotLoad() async throws {
    try file("syntax.lua", "local x = = 1\n")
    let badFile = try await run(["-e", "print('ran first')", "syntax.lua"])
    #expect(badFile.status == 2, "\(badFile)")
    #expect(badFile.stdout.isEmpty, "\(badFile)")
    let missing = try await run(["-e", "print('ran first')", "no-such-recipe.lua"])
    #expect(missing.status == 2, "\(missing)")
    #expect(missing.stdout.isEmpty, "\(missing)")
    let badChunk = try await run(["-e", "print('ran first')", "-e", "for"])
    #expect(badChunk.status == 2, "\(badChunk)")
    #expect(badChunk.stdout.isEmpty, "\(badChunk)")
  }

  @Test func missingFileExitsTwo() async throws {
    let path = directory.appendingPathComponent("no-such-recipe.lua").path
    let result = try await Docksweep.run([path])
    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains(path), "\(result)")
    #expect(result.stderr.contains("no such file"), "\(result)")
  }

  @Test func directoryExitsTwo() async throws {
    let result = try await Docksweep.run([directory.path])
    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains(directory.path), "\(result)")
    #expect(result.stderr.contains("directory"), "\(result)")
  }

  @Test func binaryChunkExitsTwo() async throws {
    let url = directory.appendingPathComponent("compiled.luac")
    try Data([0x1B] + Array("LuaT\u{0}\u{19}\u{93}\r\n\u{1A}\n".utf8) + [0, 1, 2, 3]).write(to: url)
    let result = try await Docksweep.run([url.path])
    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains(url.path), "\(result)")
    #expect(result.stderr.contains("binary"), "\(result)")
  }

  @Test func otherBinaryFileExitsTwo() async throws {
    let url = directory.appendingPathComponent("image.png")
    try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D]).write(to: url)
    let result = try await Docksweep.run([url.path])
    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains("binary"), "\(result)")
  }

  @Test func unknownOptionExitsTwo() async throws {
    let script = try file("unused.lua", "print('should not run')")
    let result = try await Docksweep.run(["--no-such-option", script])
    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains("--no-such-option"), "\(result)")
    #expect(result.stdout.isEmpty)
  }

  @Test func badOptionValuesExitTwo() async throws {
    for arguments in [["--timeout", "0"], ["--timeout", "soon"], ["--max-memory", "lots"], ["--max-memory", "1kB"]] {
      let result = try await Docksweep.run(arguments + ["-e", "print('ran')"])
      #expect(result.status == 2, "\(arguments): \(result)")
      #expect(!result.stdout.contains("ran"), "\(arguments)")
    }
  }

  @Test func helpAndVersion() async throws {
    let help = try await Docksweep.run(["--help"])
    #expect(help.status == 0, "\(help)")
    for subcommand in ["run", "recipe", "repl", "types"] {
      #expect(help.stdout.contains("  \(subcommand) "), "\(help)")
    }
    let runHelp = try await Docksweep.run(["run", "--help"])
    #expect(runHelp.status == 0, "\(runHelp)")
    for option in ["--dry-run", "--yes", "--protect", "--trust", "--allow-write", "--timeout", "--max-memory"] {
      #expect(runHelp.stdout.contains(option), "\(option)")
    }
    let version = try await Docksweep.run(["--version"])
    #expect(version.status == 0, "\(version)")
    #expect(!version.stdout.isEmpty)
  }
}
