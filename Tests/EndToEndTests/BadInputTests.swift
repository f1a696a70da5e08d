import Foundation
import TestImages
import Testing

/// Misuse is an error that says what was wrong and what is accepted; an unreachable engine, a runaway
/// loop and a memory hog end the run with a clear message.
@Suite struct BadInputTests {
  @Test func unknownOptionSuggestsTheClosest() async throws {
    let result = try await Docksweep.run(["-e", "docker.images{alll = true}"])
    #expect(result.status == 1, "\(result)")
    #expect(result.stderr.contains("bad argument #1 to 'images'"), "\(result)")
    #expect(result.stderr.contains("unknown option 'alll' (did you mean 'all'?)"), "\(result)")
  }

  @Test func unknownRemoveOption() async throws {
    _ = try TestEngine.host()
    let result = try await Docksweep.run(["-e", "docker.images():first(0):remove{froce = true}"])
    #expect(result.status == 1, "\(result)")
    #expect(result.stderr.contains("unknown option 'froce' (did you mean 'force'?)"), "\(result)")
  }

  @Test func badSizeNamesTheFunctionAndTheValue() async throws {
    _ = try TestEngine.host()
    let result = try await Docksweep.run(["-e", #"docker.images():larger_than("12 parsecs")"#])
    #expect(result.status == 1, "\(result)")
    #expect(result.stderr.contains("bad argument #1 to 'larger_than'"), "\(result)")
    #expect(result.stderr.contains("12 parsecs"), "\(result)")
    #expect(result.stderr.contains("500MB"), "the message shows accepted forms: \(result)")

    let boolean = try await Docksweep.run(["-e", "docker.images():larger_than(true)"])
    #expect(boolean.status == 1, "\(boolean)")
    #expect(boolean.stderr.contains("bad argument #1 to 'larger_than' (size expected, got boolean)"), "\(boolean)")
  }

  @Test func invalidRegexSaysWhy() async throws {
    _ = try TestEngine.host()
    let result = try await Docksweep.run(["-e", #"docker.images():match("(")"#])
    #expect(result.status == 1, "\(result)")
    #expect(result.stderr.contains("bad argument #1 to 'match'"), "\(result)")
    #expect(result.stderr.contains(#"invalid regular expression "(""#), "\(result)")
    #expect(result.stderr.contains("missing ')' for '(' at position 1"), "\(result)")
    let backReference = try await Docksweep.run(["-e", #"docker.images():exclude("(a)\\1")"#])
    #expect(backReference.status == 1, "\(backReference)")
    #expect(
      backReference.stderr.contains(
        "bad argument #1 to 'exclude' (invalid regular expression \"(a)\\1\": back-references"),
      "\(backReference)")
  }

  @Test func badTimeListsAcceptedForms() async throws {
    _ = try TestEngine.host()
    let result = try await Docksweep.run(["-e", #"docker.images():created_before("yesterday")"#])
    #expect(result.status == 1, "\(result)")
    #expect(result.stderr.contains("bad argument #1 to 'created_before'"), "\(result)")
    #expect(result.stderr.contains(#""yesterday""#), "\(result)")
    for form in ["168h", "7d", "2020-07-07T00:00:00", "RFC3339", "unix seconds"] {
      #expect(result.stderr.contains(form), "accepted form \(form) named: \(result)")
    }
  }

  @Test func badAgeAndSortArguments() async throws {
    _ = try TestEngine.host()
    let age = try await Docksweep.run(["-e", #"docker.images():older_than("2020-01-01")"#])
    #expect(age.status == 1, "\(age)")
    #expect(age.stderr.contains("bad argument #1 to 'older_than'"), "\(age)")
    let sort = try await Docksweep.run(["-e", #"docker.images():sort_by("colour")"#])
    #expect(sort.status == 1, "\(sort)")
    #expect(sort.stderr.contains("unknown sort field 'colour'"), "\(sort)")
    let order = try await Docksweep.run(["-e", #"docker.images():sort_by("size", "down")"#])
    #expect(order.status == 1, "\(order)")
    #expect(order.stderr.contains(#"sort order must be "asc" or "desc""#), "\(order)")
  }

  @Test func pruneUntilMustBeATime() async throws {
    let result = try await Docksweep.run(["-n", "-e", #"docker.prune_images{["until"] = "last week"}"#])
    #expect(result.status == 1, "\(result)")
    #expect(result.stderr.contains("option 'until' must be a time"), "\(result)")
  }

  @Test func missingImageIsNotFound() async throws {
    _ = try TestEngine.host()
    let result = try await Docksweep.run([
      "-e",
      #"""
      local ok, err = pcall(docker.rmi, "e2e-none/no-such-image:1")
      print(ok, type(err), err.kind, err.status)
      print(err.message)
      """#,
    ])
    #expect(result.status == 0, "\(result)")
    #expect(result.lines == ["false\tuserdata\tnot_found\t404", "No such image: e2e-none/no-such-image:1"])
  }

  @Test func uncaughtEngineErrorExitsOne() async throws {
    _ = try TestEngine.host()
    let result = try await Docksweep.run(["-e", #"docker.rmi("e2e-none/no-such-image:1")"#])
    #expect(result.status == 1, "\(result)")
    #expect(
      result.stderr.hasPrefix(
        "docksweep: (command line):1: Error response from daemon: No such image: e2e-none/no-such-image:1"),
      "\(result)")
  }

  @Test func unreachableEngine() async throws {
    let result = try await Docksweep.run(["-H", "unix:///nonexistent.sock", "-e", "print(#docker.images())"])
    #expect(result.status == 1, "\(result)")
    #expect(result.stderr.contains("Cannot connect to the Docker daemon"), "\(result)")
    #expect(result.stderr.contains("unix:///nonexistent.sock"), "\(result)")

    let fromEnvironment = try await Docksweep.run(
      ["-e", "print(docker.df())"], environment: ["DOCKER_HOST": "unix:///nonexistent.sock"])
    #expect(fromEnvironment.status == 1, "\(fromEnvironment)")
    #expect(fromEnvironment.stderr.contains("Cannot connect to the Docker daemon"), "\(fromEnvironment)")
  }

  @Test func timeoutStopsABusyLoop() async throws {
    let result = try await Docksweep.run(["--timeout", "1", "-e", "while true do end"], timeout: 60)
    #expect(result.status == 1, "\(result)")
    #expect(result.stderr.contains("--timeout"), "\(result)")
  }

  @Test func timeoutCannotBeCaught() async throws {
    let result = try await Docksweep.run(
      [
        "--timeout", "1", "-e",
        "local n = 0 while true do pcall(function() while true do end end) n = n + 1 end",
      ], timeout: 60)
    #expect(result.status == 1, "\(result)")
    #expect(result.stderr.contains("--timeout"), "\(result)")
  }

  @Test func memoryLimitStopsAHog() async throws {
    let result = try await Docksweep.run(
      ["--max-memory", "16MB", "-e", #"local t = {} for i = 1, 1e9 do t[i] = ("x"):rep(100) .. i end"#],
      timeout: 120)
    #expect(result.status == 1, "\(result)")
    #expect(result.stderr.contains("not enough memory"), "\(result)")

    let caught = try await Docksweep.run(
      [
        "--max-memory", "16MB", "-e",
        #"print(pcall(function() local t = {} for i = 1, 1e9 do t[i] = ("x"):rep(100) .. i end end))"#,
      ], timeout: 120)
    #expect(caught.status == 0, "\(caught)")
    #expect(caught.lines == ["false\tnot enough memory"], "\(caught)")
  }

  @Test func memoryLimitLeavesRoomForOrdinaryWork() async throws {
    let result = try await Docksweep.run(
      ["--max-memory", "16MB", "-e", "local t = {} for i = 1, 10000 do t[i] = i end print(#t)"])
    #expect(result.status == 0, "\(result)")
    #expect(result.lines == ["10000"])
  }
}
