import Foundation
import TestImages
import Testing

/// Scripts run sandboxed unless `--trust`: each dangerous function is refused with a message that names
/// `--trust` and the script's own line, and works with `--trust`.
@Suite final class SandboxTests {
  /// One sandboxed capability: Lua that uses it, and Lua that shows it working under `--trust`.
  struct Capability: Sendable, CustomTestStringConvertible {
    let name: String
    /// Raises the refusal in a sandbox (`DIR` stands for the test's directory).
    let refused: String
    /// Prints `expected` with `--trust`.
    let trusted: String
    let expected: String
    var testDescription: String { name }
  }

  static let capabilities: [Capability] = [
    Capability(
      name: "os.execute", refused: #"os.execute("true")"#, trusted: #"print(os.execute("true"))"#,
      expected: "true\texit\t0"),
    Capability(
      name: "io.open", refused: #"io.open("DIR/new.txt", "w")"#,
      trusted: #"local f = assert(io.open("DIR/new.txt", "w")) f:write("written") f:close() "#
        + #"print(io.open("DIR/new.txt"):read("a"))"#,
      expected: "written"),
    Capability(
      name: "io.popen", refused: #"io.popen("echo hi")"#,
      trusted: #"local p = io.popen("echo hi") print(p:read("l")) p:close()"#, expected: "hi"),
    Capability(
      name: "io.lines with a file", refused: #"for l in io.lines("DIR/mod.lua") do end"#,
      trusted: #"for l in io.lines("DIR/mod.lua") do print(l) end"#, expected: "return {answer = 42}"),
    Capability(
      name: "os.getenv", refused: #"os.getenv("DOCKSWEEP_E2E_VALUE")"#,
      trusted: #"print(os.getenv("DOCKSWEEP_E2E_VALUE"))"#, expected: "seen"),
    Capability(name: "os.exit", refused: "os.exit(3)", trusted: "print('before') os.exit(0)", expected: "before"),
    Capability(
      name: "os.remove", refused: #"os.remove("DIR/keep.txt")"#, trusted: #"print(os.remove("DIR/keep.txt"))"#,
      expected: "true"),
    Capability(
      name: "os.rename", refused: #"os.rename("DIR/keep.txt", "DIR/moved.txt")"#,
      trusted: #"print(os.rename("DIR/keep.txt", "DIR/moved.txt"))"#, expected: "true"),
    Capability(
      name: "require", refused: #"require("mod")"#,
      trusted: #"package.path = "DIR/?.lua;" .. package.path print(require("mod").answer)"#, expected: "42"),
    Capability(
      name: "dofile", refused: #"dofile("DIR/mod.lua")"#, trusted: #"print(dofile("DIR/mod.lua").answer)"#,
      expected: "42"),
    Capability(
      name: "loadfile", refused: #"loadfile("DIR/mod.lua")"#, trusted: #"print(loadfile("DIR/mod.lua")().answer)"#,
      expected: "42"),
    Capability(
      name: "debug.traceback", refused: "debug.traceback()",
      trusted: #"print(debug.traceback("tb"):match("^tb\nstack traceback:") ~= nil)"#, expected: "true"),
    Capability(
      name: "debug.sethook", refused: "debug.sethook()", trusted: "debug.sethook() print('unhooked')",
      expected: "unhooked"),
    Capability(
      name: "string.dump", refused: "string.dump(function() end)",
      trusted: "print(#string.dump(function() end) > 0)", expected: "true"),
    Capability(
      name: "load of a binary chunk", refused: #"local f, err = load("\27LuaT\0\25\147\r\n\26\n") error(err)"#,
      trusted: "print(load(string.dump(function() return 42 end))())", expected: "42"),
    Capability(
      name: "load in binary mode", refused: #"load("return 1", "=chunk", "b")"#,
      trusted: #"print(load(string.dump(function() return 7 end), "=chunk", "b")())"#, expected: "7"),
    Capability(
      name: "collectgarbage", refused: #"collectgarbage("collect")"#, trusted: #"print(collectgarbage("collect"))"#,
      expected: "0"),
    Capability(
      name: "the string metatable", refused: #"getmetatable("").__index = function() return 1 end"#,
      trusted: #"getmetatable("").__index = {upper = function() return "rewired" end} print(("x"):upper())"#,
      expected: "rewired"),
    Capability(
      name: "the file metatable", refused: "getmetatable(io.stdout).__index = {}",
      trusted: #"getmetatable(io.stdout).__name = "renamed" print(getmetatable(io.stdout).__name)"#,
      expected: "renamed"),
    Capability(
      name: "collectgarbage without option", refused: "collectgarbage()", trusted: "print(collectgarbage())",
      expected: "0"),
  ]

  let directory: URL

  init() throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent("docksweep-sandbox-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    try Data("return {answer = 42}\n".utf8).write(to: directory.appendingPathComponent("mod.lua"))
    try Data("keep me\n".utf8).write(to: directory.appendingPathComponent("keep.txt"))
  }

  deinit {
    try? FileManager.default.removeItem(at: directory)
  }

  func run(_ chunk: String, trusted: Bool) async throws -> RunResult {
    let lua = chunk.replacingOccurrences(of: "DIR", with: directory.path)
    return try await Docksweep.run(
      (trusted ? ["--trust"] : []) + ["-e", lua], environment: ["DOCKSWEEP_E2E_VALUE": "seen"])
  }

  @Test(arguments: capabilities)
  func refusedWithoutTrust(_ capability: Capability) async throws {
    let result = try await run(capability.refused, trusted: false)
    #expect(result.status == 1, "\(result)")
    #expect(result.stderr.contains("--trust"), "\(result)")
    #expect(result.stderr.hasPrefix("docksweep: (command line):1: "), "the refusal names the script's line: \(result)")
    // Nothing the refused call would have done happened.
    let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    #expect(files == ["keep.txt", "mod.lua"])
  }

  @Test(arguments: capabilities)
  func allowedWithTrust(_ capability: Capability) async throws {
    let result = try await run(capability.trusted, trusted: true)
    #expect(result.status == 0, "\(result)")
    #expect(result.lines == capability.expected.split(separator: "\n").map(String.init), "\(result)")
  }

  @Test func refusalCanBeCaught() async throws {
    let result = try await run(#"local ok, err = pcall(os.execute, "true") print(ok, err)"#, trusted: false)
    #expect(result.status == 0, "\(result)")
    #expect(result.stdout.hasPrefix("false\t"), "\(result)")
    #expect(result.stdout.contains("os.execute is not allowed"), "\(result)")
  }

  @Test func osExitStatusWithTrust() async throws {
    let result = try await run("os.exit(3)", trusted: true)
    #expect(result.status == 3, "\(result)")
  }

  @Test func refusalInAFileNamesItsLine() async throws {
    let script = directory.appendingPathComponent("recipe.lua")
    try Data("local x = 1\n\nrequire('mod')\n".utf8).write(to: script)
    let result = try await Docksweep.run(["recipe.lua"], directory: directory)
    #expect(result.status == 1, "\(result)")
    #expect(result.stderr.hasPrefix("docksweep: recipe.lua:3: "), "\(result)")
    #expect(result.stderr.contains("--trust"), "\(result)")
  }

  @Test func bundledModulesCanBeRequired() async throws {
    let chunk = #"print(require("docker") == docker, require("units") == units, type(require("docker").images))"#
    let result = try await run(chunk, trusted: false)
    #expect(result.status == 0, "\(result)")
    #expect(result.lines == ["true\ttrue\tfunction"], "\(result)")
    let trusted = try await run(chunk, trusted: true)
    #expect(trusted.status == 0, "\(trusted)")
    #expect(trusted.lines == ["true\ttrue\tfunction"], "\(trusted)")
  }

  @Test func sharedMetatablesStayReadable() async throws {
    let result = try await run(
      #"local view = getmetatable("") rawset(view, "__index", {}) print(getmetatable(view) == "locked", ("x"):upper(), "#
        + #"getmetatable(getmetatable("")), io.stdout:write("") == io.stdout)"#,
      trusted: false)
    #expect(result.status == 0, "\(result)")
    #expect(result.lines == ["true\tX\tlocked\ttrue"], "\(result)")
  }

  @Test func safeLibrariesStayAvailable() async throws {
    let result = try await run(
      #"print(string.format("%d", 42), math.max(1, 2), table.concat({"a", "b"}, ","), os.time() > 0, "#
        + #"os.date("!%Y", 0), utf8.char(72), collectgarbage("count") > 0)"#,
      trusted: false)
    #expect(result.status == 0, "\(result)")
    #expect(result.lines == ["42\t2\ta,b\ttrue\t1970\tH\ttrue"])
  }

  @Test(arguments: [
    #"docker.run{image = "e2e-none/app:1"}"#, #"docker.pull("e2e-none/app:1")"#, #"docker.load("DIR/images.tar")"#,
  ])
  func engineWritesNeedTrust(_ chunk: String) async throws {
    let result = try await run(chunk, trusted: false)
    #expect(result.status == 1, "\(result)")
    #expect(result.stderr.contains("--trust"), "\(result)")
    #expect(result.stderr.contains("not allowed in a sandboxed recipe"), "\(result)")
  }

  @Test func saveOutsideAllowedDirectoryIsRefused() async throws {
    let allowed = directory.appendingPathComponent("allowed")
    try FileManager.default.createDirectory(at: allowed, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      at: allowed.appendingPathComponent("link"), withDestinationURL: directory)
    for target in [
      directory.appendingPathComponent("out.tar").path, allowed.path + "/../out.tar", allowed.path + "/link/out.tar",
      "/tmp/docksweep-e2e-out.tar",
    ] {
      let chunk = #"docker.save({"e2e-none/app:1"}, "\#(target)")"#
      let sandboxed = try await Docksweep.run(["-e", chunk])
      #expect(sandboxed.status == 1, "\(target): \(sandboxed)")
      #expect(sandboxed.stderr.contains("--allow-write"), "\(target): \(sandboxed)")
      let otherDirectory = try await Docksweep.run(["--allow-write", allowed.path, "-e", chunk])
      #expect(otherDirectory.status == 1, "\(target): \(otherDirectory)")
      #expect(otherDirectory.stderr.contains("is not allowed"), "\(target): \(otherDirectory)")
    }
    #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out.tar").path))
  }

  @Test func collectgarbageCountIsAllowed() async throws {
    let result = try await run(#"local kb = collectgarbage("count") print(math.type(kb), kb > 0)"#, trusted: false)
    #expect(result.status == 0, "\(result)")
    #expect(result.lines == ["float\ttrue"])
  }

  @Test func objectMetatablesAreLocked() async throws {
    _ = try TestEngine.host()
    let result = try await run(
      #"print(getmetatable(docker.images()), getmetatable(docker.containers()), getmetatable(docker.df()))"#,
      trusted: false)
    #expect(result.status == 0, "\(result)")
    #expect(result.lines == ["locked\tlocked\tlocked"])
    let debugTable = try await run("print(getmetatable(debug))", trusted: false)
    #expect(debugTable.lines == ["locked"], "\(debugTable)")
  }

  @Test func trustedRunStartsAContainer() async throws {
    let f = try Fixture()
    defer { f.cleanUp() }
    try f.load([f.image(["app:1"], runnable: true)])
    let name = f.containerName("started")
    let chunk = #"""
      local id = docker.run{image = "\#(f.ref("app:1"))", name = "\#(name)", labels = {["\#(Fixture.labelKey)"] = "\#(f.token)"}}
      print(#id)
      """#
    let refused = try await Docksweep.run(["-e", chunk])
    #expect(refused.status == 1, "\(refused)")
    #expect(try f.containers().isEmpty)
    let result = try await Docksweep.run(["--trust", "-e", chunk])
    #expect(result.status == 0, "\(result)")
    #expect(result.lines == ["64"])
    #expect(try f.containers() == [name: "running"])
  }
}
