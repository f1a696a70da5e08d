import DockSweep
import Foundation
import TestImages
import Testing

/// The library embedded in-process against the test engine: each test loads an image of its own.
@Suite struct SessionEngineTests {
  let token = UUID().uuidString.prefix(8).lowercased()
  var repository: String { "dsweep-\(token)/app" }

  /// Loads one image tagged `<repository>:1`; returns the engine's address.
  func loadImage() throws -> String {
    let host = try TestEngine.host()
    let archive = FileManager.default.temporaryDirectory.appendingPathComponent("session-\(token).tar")
    defer { try? FileManager.default.removeItem(at: archive) }
    try ImageArchive.write(
      [
        TestImage(
          tags: ["\(repository):1"], created: TestImage.date("2020-06-25T21:07:45Z"),
          layers: [TestLayer(name: "session-\(token)", size: 3_000)], labels: ["docksweep.session": String(token)])
      ], to: archive)
    try TestEngine.load(archive)
    return host
  }

  func removeImage() {
    _ = try? TestEngine.docker(["image", "rm", "-f", "\(repository):1"])
  }

  @Test func completesImageReferencesInsideStrings() async throws {
    let host = try loadImage()
    defer { removeImage() }
    let repository = self.repository
    let (session, _) = try SessionHarness.make { $0.environment = ["DOCKER_HOST": host] }
    let repl = ReplEngine(session: session)
    // Each candidate replaces the word before the cursor; `/` and `-` end words.
    let whole = repl.completions(for: "docker.rmi(\"dsweep")
    let afterSlash = repl.completions(for: "docker.rmi(\"\(repository.dropLast(2))")
    let quoted = repl.completions(for: "x = docker.images():match('\(repository)")
    #expect(whole.contains("dsweep-\(token)/app:1"), "\(whole)")
    #expect(afterSlash == ["app:1"], "\(afterSlash)")
    #expect(quoted == ["app:1"], "\(quoted)")
  }

  @Test func dryRunPlansAndRemovesNothing() async throws {
    let host = try loadImage()
    defer { removeImage() }
    let pattern = "^\(repository):"
    let (session, output) = try SessionHarness.make {
      $0.environment = ["DOCKER_HOST": host]
      $0.dryRun = true
    }
    try await session.run(ScriptSource(text: "print(docker.images():match('\(pattern)'):remove())"))
    let text = output.text
    #expect(text.hasPrefix("Dry run: would remove 1 image\n  \(repository):1  "), "\(text)")
    #expect(try TestEngine.docker(["image", "ls", "-q", "\(repository):1"]).count == 12)
  }

  @Test func referenceAlreadyGoneIsSkipped() async throws {
    let host = try loadImage()
    defer { removeImage() }
    let (session, output) = try SessionHarness.make {
      $0.environment = ["DOCKER_HOST": host]
      $0.quiet = true
    }
    try await session.run(
      ScriptSource(
        text: """
          local l = docker.images():match('^\(repository):')
          docker.rmi('\(repository):1')
          local r = l:remove()
          print(#r.failed, #r.skipped, r.skipped[1].target, r.skipped[1].reason:match('^already gone') ~= nil)
          """))
    let text = output.text
    #expect(text == "0\t1\t\(repository):1\ttrue\n")
  }

  @Test func runtimeErrorsCarryTheirPosition() async throws {
    let (session, _) = try SessionHarness.make()
    var error: SessionError?
    do {
      try await session.run(ScriptSource(text: "local x = 1\nerror('stop')", chunkName: "@recipe.lua"))
    } catch let e as SessionError {
      error = e
    }
    #expect(error?.kind == .runtime)
    #expect(error?.exitCode == 1)
    #expect(error?.message.hasPrefix("recipe.lua:2: stop") == true, "\(String(describing: error))")
  }

  @Test func syntaxErrorsAreLoadErrors() throws {
    let (session, _) = try SessionHarness.make()
    do {
      try session.run(ScriptSource(text: "x = = 1", chunkName: "@bad.lua"))
      Issue.record("a syntax error must throw")
    } catch let e as SessionError {
      #expect(e.kind == .load)
      #expect(e.exitCode == 2)
      #expect(e.message.hasPrefix("bad.lua:1:"))
    }
  }

  @Test func argumentsAreArgAndVarargs() throws {
    let (session, output) = try SessionHarness.make()
    session.setArguments(script: "script.lua", arguments: ["a", "b"])
    try session.run(ScriptSource(text: "print(arg[0], arg[1], arg[2], arg[-1], ...)"), arguments: ["a", "b"])
    #expect(output.text == "script.lua\ta\tb\tdocksweep\ta\tb\n")
  }
}
