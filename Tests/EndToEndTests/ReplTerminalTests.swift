import Foundation
import TestImages
import Testing

/// The REPL as a person meets it: the real binary in a terminal (tmux), keys in, screen out, against the
/// private engine. Each test has its own terminal and HOME; images are named with a per-run token.
@Suite struct ReplTerminalTests {
  let token = UUID().uuidString.prefix(8).lowercased()

  /// A terminal running `docksweep ARGUMENTS` against the test engine, at its first prompt.
  func open(_ arguments: [String] = []) throws -> TerminalSession {
    let terminal = try TerminalSession(arguments, engine: try TestEngine.host())
    do {
      try terminal.waitForPrompt()
    } catch {
      terminal.close()
      throw error
    }
    return terminal
  }

  /// Loads small images tagged `tags` and returns them; remove them with ``remove(_:)``.
  func load(_ tags: [String]) throws -> [String] {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("repl-images-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let images = tags.enumerated().map { index, tag in
      TestImage(
        tags: [tag], created: TestImage.date("2020-07-0\(index + 1)T00:00:00Z"),
        layers: [TestLayer(name: "repl/\(tag)", size: 1_000 * (index + 1))], labels: ["docksweep.test": token])
    }
    let archive = scratch.appendingPathComponent("images.tar")
    _ = try ImageArchive.write(images, to: archive)
    try TestEngine.load(archive)
    return tags
  }

  func remove(_ tags: [String]) {
    for tag in tags { _ = try? TestEngine.docker(["image", "rm", tag]) }
  }

  /// The `repository:tag` of every image whose repository starts with `prefix`.
  func references(startingWith prefix: String) throws -> Set<String> {
    let listed = try TestEngine.docker(["image", "ls", "--format", "{{.Repository}}:{{.Tag}}"])
    return Set(listed.split(separator: "\n").map(String.init).filter { $0.hasPrefix(prefix) })
  }

  @Test func bannerNamesTheEngineAndAnExpressionPrintsItsValue() throws {
    let terminal = try open()
    defer { terminal.close() }
    let banner = try terminal.lines()
    #expect(banner.first?.contains("docksweep (Lua 5.4, sandboxed)") == true)
    #expect(banner.first?.contains("Docker Engine") == true)
    #expect(banner.first?.contains(try TestEngine.host()) == true)
    #expect(banner.contains("Type help() for the API, Ctrl-D to leave."))
    #expect(try terminal.run("1 + 1") == ["2"])
    #expect(try terminal.run("=2^10") == ["1024.0"])
  }

  @Test func forLoopContinuesOnTheSecondPrompt() throws {
    let terminal = try open()
    defer { terminal.close() }
    try terminal.enter("for i = 1, 3 do")
    try terminal.waitForPrompt(">>")
    try terminal.enter("print(i * 10)")
    try terminal.waitForPrompt(">>")
    try terminal.enter("end")
    let lines = try terminal.wait(for: "the loop's output") { $0.suffix(4) == ["10", "20", "30", ">"] }
    #expect(lines.contains("> for i = 1, 3 do"))
    #expect(lines.contains(">> print(i * 10)"))
    #expect(lines.contains(">> end"))
    #expect(try terminal.run("print(i)") == ["nil"])
  }

  @Test func anErrorLeavesTheSessionRunning() throws {
    let terminal = try open()
    defer { terminal.close() }
    let error = try terminal.run("error('boom')")
    #expect(error.first == "stdin:1: boom")
    let arithmetic = try terminal.run("nil + 1")
    #expect(arithmetic.first == "stdin:1: attempt to perform arithmetic on a nil value")
    let syntax = try terminal.run("x = = 1")
    #expect(syntax.first?.contains("unexpected symbol near '='") == true)
    #expect(try terminal.run("print('still here')") == ["still here"])
  }

  @Test func nonASCIIInputKeepsItsCharacters() throws {
    let terminal = try open()
    defer { terminal.close() }
    #expect(try terminal.run("s = \"héllo ✓\"").isEmpty)
    #expect(try terminal.run("#s") == ["10"])
    #expect(try terminal.run("s == 'h\\u{e9}llo \\u{2713}'") == ["true"])
    #expect(try terminal.run("s") == ["héllo ✓"])
  }

  /// Ctrl-C during a stop: the stop finishes what it started, the input ends with `interrupted!`, and the
  /// next input's removals run (the interrupt does not linger to skip them).
  @Test func ctrlCDuringAStopLeavesTheSessionWorking() throws {
    let f = try Fixture()
    defer { f.cleanUp() }
    try f.load([f.image(["slow:1"], runnable: true), f.image(["gone:1"])])
    _ = try f.run(f.ref("slow:1"), name: "slow", command: Fixture.deafCommand)
    let terminal = try open()
    defer { terminal.close() }
    try terminal.waitForPrompt()
    try terminal.enter(#"docker.stop("\#(f.containerName("slow"))", {timeout = 4})"#)
    usleep(1_000_000)
    try terminal.press("C-c")
    try terminal.wait(forText: "interrupted!")
    try terminal.waitForPrompt()
    let removal = try terminal.run(#"docker.images():match("^\#(f.ref("gone:1"))$"):remove()"#)
    #expect(removal.contains("Untagged: \(f.ref("gone:1"))"), "\(removal)")
    #expect(!removal.contains { $0.contains("not started") }, "\(removal)")
  }

  @Test func ctrlCInterruptsRunningCode() throws {
    let terminal = try open()
    defer { terminal.close() }
    try terminal.enter("while true do end")
    try terminal.wait(forText: "> while true do end")
    // A Ctrl-C that lands before the input starts running is ignored, not fatal: press again until it stops.
    let saved = terminal.timeout
    terminal.timeout = 2
    var stopped = false
    for _ in 0..<10 where !stopped {
      try terminal.press("C-c")
      stopped = (try? terminal.wait(forText: "interrupted!")) != nil
    }
    terminal.timeout = saved
    let shown = try terminal.screen()
    #expect(stopped, "Ctrl-C did not stop the loop; the terminal shows:\n\(shown)")
    try terminal.waitForPrompt()
    #expect(try terminal.run("print(6 * 7)") == ["42"])
  }

  @Test func ctrlCAtThePromptClearsTheLine() throws {
    let terminal = try open()
    defer { terminal.close() }
    try terminal.type("print('never')")
    try terminal.wait(forText: "> print('never')")
    try terminal.press("C-c")
    try terminal.wait(for: "a fresh prompt") { $0.suffix(2) == ["> print('never')", ">"] }
    #expect(try terminal.run("print('next')") == ["next"])
    // Inside a continued input, Ctrl-C drops the whole input.
    try terminal.enter("for i = 1, 2 do")
    try terminal.waitForPrompt(">>")
    try terminal.press("C-c")
    try terminal.waitForPrompt(">")
    #expect(try terminal.run("1 + 1") == ["2"])
    #expect(try !terminal.lines().contains("never"))
  }

  @Test func ctrlDOnAnEmptyLineLeaves() throws {
    let terminal = try open()
    defer { terminal.close() }
    try terminal.press("C-d")
    #expect(try terminal.waitForExit() == 0)
  }

  @Test func tabCompletesAGlobalPath() throws {
    let terminal = try open()
    defer { terminal.close() }
    try terminal.type("docker.ima")
    try terminal.wait(forText: "> docker.ima")
    try terminal.press("Tab")
    try terminal.wait(for: "docker.ima completed") { $0.last == "> docker.images" }
    // The line holds exactly the completion: nothing appended, so it goes on as Lua.
    try terminal.type(" ~= nil")
    try terminal.press("Enter")
    let lines = try terminal.wait(for: "the result") { $0.suffix(3) == ["> docker.images ~= nil", "true", ">"] }
    #expect(lines.count >= 3)
    try terminal.type("docker.images():mat")
    try terminal.press("Tab")
    try terminal.wait(for: "a method completed") { $0.last == "> docker.images():match" }
  }

  @Test func bulkRemovalAnsweredNoKeepsTheImages() throws {
    let prefix = "repl-no-\(token)"
    let tags = try load(["\(prefix)/a:1", "\(prefix)/b:1"])
    defer { remove(tags) }
    let terminal = try open()
    defer { terminal.close() }
    try terminal.enter("docker.images():match(\"^\(prefix)/\"):remove()")
    let question = try terminal.wait(forText: "[y/N]")
    #expect(question.contains("The following 2 images will be removed:"))
    #expect(question.contains { $0.hasPrefix("  \(prefix)/a:1") })
    #expect(question.contains { $0.hasPrefix("  \(prefix)/b:1") })
    try terminal.enter("n")
    try terminal.waitForPrompt()
    #expect(try terminal.lines().contains { $0.contains("cancelled: nothing was removed") })
    #expect(try references(startingWith: prefix + "/") == Set(tags))
    // The answer is not history: Up brings back the removal, not "n".
    try terminal.press("Up")
    try terminal.wait(for: "the removal recalled") { $0.last?.hasSuffix(":remove()") == true }
  }

  @Test func bulkRemovalAnsweredYesPrintsTheReport() throws {
    let prefix = "repl-yes-\(token)"
    let tags = try load(["\(prefix)/a:1", "\(prefix)/b:1"])
    defer { remove(tags) }
    let terminal = try open()
    defer { terminal.close() }
    try terminal.enter("r = docker.images():match(\"^\(prefix)/\"):remove()")
    try terminal.wait(forText: "[y/N]")
    try terminal.enter("y")
    try terminal.waitForPrompt()
    #expect(try references(startingWith: prefix + "/").isEmpty)
    let report = try terminal.run("r")
    #expect(report.contains("Untagged: \(prefix)/a:1"))
    #expect(report.contains("Untagged: \(prefix)/b:1"))
    #expect(report.filter { $0.hasPrefix("Deleted: sha256:") }.count >= 2)
    #expect(report.last?.hasPrefix("Total size of the removed images: ") == true)
  }

  @Test func valuesPrintAsTablesAndLines() throws {
    let prefix = "repl-print-\(token)"
    let tags = try load(["\(prefix)/a:1", "\(prefix)/b:1"])
    defer { remove(tags) }
    let terminal = try open()
    defer { terminal.close() }
    let list = try terminal.run("docker.images():match(\"^\(prefix)/\")")
    #expect(list.count == 3)
    #expect(list.first?.hasPrefix("REPOSITORY") == true)
    #expect(list.first?.contains("IMAGE ID") == true)
    #expect(list.dropFirst().allSatisfy { $0.hasPrefix(prefix + "/") })
    let one = try terminal.run("docker.images():match(\"^\(prefix)/a\")[1]")
    #expect(one.count == 1)
    #expect(one.first?.hasPrefix("docker.Image: \(prefix)/a:1 (") == true)
    #expect(
      try terminal.run("{1, \"two\", x = {y = true}, [10] = 2.5}") == ["{ 1, \"two\", x = { y = true }, [10] = 2.5 }"])
    #expect(try terminal.run("{a = {b = {c = {d = 1}}}}") == ["{ a = { b = { c = {...} } } }"])
    let refs = try terminal.run("docker.images():match(\"^\(prefix)/\"):refs()")
    #expect(refs == ["{ \"\(prefix)/b:1\", \"\(prefix)/a:1\" }"])
  }

  @Test func historyIsThereInANewSession() throws {
    let terminal = try open(["repl"])
    defer { terminal.close() }
    let line = "print('remembered ' .. 6 * 7)"
    #expect(try terminal.run(line) == ["remembered 42"])
    try terminal.press("C-d")
    #expect(try terminal.waitForExit() == 0)
    let file = try String(contentsOf: terminal.historyFile, encoding: .utf8)
    #expect(file.split(separator: "\n").last.map(String.init) == line)
    try terminal.restart(["repl"])
    try terminal.waitForPrompt()
    try terminal.press("Up")
    try terminal.wait(for: "the line from the last session") { $0.last == "> " + line }
    try terminal.press("Enter")
    try terminal.wait(for: "its output again") { $0.suffix(2) == ["remembered 42", ">"] }
  }

  /// A multi-line input comes back from history as typed: its `--` comment still ends only its own line.
  @Test func multiLineInputComesBackWhole() throws {
    let terminal = try open(["repl"])
    defer { terminal.close() }
    try terminal.waitForPrompt()
    try terminal.enter("for i = 1, 2 do -- count")
    try terminal.waitForPrompt(">>")
    try terminal.enter("print('line ' .. i)")
    try terminal.waitForPrompt(">>")
    try terminal.enter("end")
    try terminal.wait(for: "the loop's output") { $0.suffix(3) == ["line 1", "line 2", ">"] }
    try terminal.press("C-d")
    #expect(try terminal.waitForExit() == 0)
    let file = try String(contentsOf: terminal.historyFile, encoding: .utf8)
    #expect(file.contains("for i = 1, 2 do -- count\u{1E}print('line ' .. i)\u{1E}end\n"))
    try terminal.restart(["repl"])
    try terminal.waitForPrompt()
    try terminal.press("Up")
    try terminal.wait(for: "the whole input recalled") {
      $0.suffix(3) == ["> for i = 1, 2 do -- count", "print('line ' .. i)", "end"]
    }
    try terminal.press("Enter")
    try terminal.wait(for: "its output again") { $0.suffix(3) == ["line 1", "line 2", ">"] }
  }

  @Test func interactiveAfterAChunkKeepsItsGlobals() throws {
    let terminal = try open(["-e", "answer = 6 * 7", "-i"])
    defer { terminal.close() }
    #expect(try terminal.run("answer") == ["42"])
  }

  @Test func unreachableEngineIsNamedNotWaitedFor() throws {
    let terminal = try TerminalSession(["-H", "unix:///nonexistent.sock"], engine: nil)
    defer { terminal.close() }
    terminal.timeout = 15
    try terminal.waitForPrompt()
    let banner = try terminal.lines()
    #expect(banner.first?.contains("no engine") == true)
    #expect(banner.first?.contains("unix:///nonexistent.sock") == true)
    #expect(try terminal.run("1 + 1") == ["2"])
    let failure = try terminal.run("docker.images()")
    #expect(failure.first?.contains("Cannot connect to the Docker daemon at unix:///nonexistent.sock") == true)
    try terminal.press("C-d")
    #expect(try terminal.waitForExit() == 0)
  }
}
