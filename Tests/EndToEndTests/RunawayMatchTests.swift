import Foundation
import TestImages
import Testing

/// `--timeout` and Ctrl-C stop a runaway match inside one call: a backtracking regex over a long name
/// (in `match`, `exclude` and protect patterns), ending the run as a busy loop ends, with nothing removed.
@Suite struct RunawayMatchTests {
  /// `(a|aa)+$` takes exponential time against `.../aaaa...:latest` in a backtracking engine.
  static let hostile = "(a|aa)+$"

  func fixture() throws -> Fixture {
    let f = try Fixture()
    try f.load([f.image([String(repeating: "a", count: 40) + ":latest"])])
    return f
  }

  @Test(arguments: ["match", "exclude"])
  func timeoutStopsARegexMatch(_ method: String) throws {
    let f = try fixture()
    defer { f.cleanUp() }
    let started = Date()
    let result = try Subprocess.run([
      EngineFailureTests.binary, "--timeout", "2", "-e", "print(#docker.images():\(method)('\(Self.hostile)'))",
    ])
    let elapsed = Date().timeIntervalSince(started)
    #expect(result.status == 1, "\(result)")
    #expect(result.stderr.contains("timeout: the run took longer than its time limit (--timeout)"), "\(result)")
    #expect(result.stdout.isEmpty, "\(result)")
    // Loose on purpose: a loaded machine is slow, but a match nobody stops would never end at all.
    #expect(elapsed < 600, "stopped after \(elapsed) s")
  }

  @Test func timeoutStopsAProtectPatternAndRemovesNothing() throws {
    let f = try fixture()
    defer { f.cleanUp() }
    let result = try Subprocess.run([
      EngineFailureTests.binary, "--timeout", "2", "--yes", "--protect", Self.hostile, "-e",
      "docker.images():match('\(f.pattern)'):remove()",
    ])
    #expect(result.status == 1, "\(result)")
    #expect(result.stderr.contains("timeout"), "\(result)")
    #expect(try f.refs().count == 1, "nothing removed")
  }

  /// A Lua pattern that backtracks for ever (the C library's matcher runs inside one C call).
  static let runawayPattern = #"local s = ("a"):rep(30000) print(s:find((".-"):rep(25) .. "b"))"#

  @Test(arguments: [false, true])
  func timeoutStopsALuaPatternMatch(caught: Bool) throws {
    let started = Date()
    let chunk = caught ? "print(pcall(function() \(Self.runawayPattern) end)) print('after')" : Self.runawayPattern
    let result = try Subprocess.run([EngineFailureTests.binary, "--timeout", "2", "-e", chunk])
    #expect(result.status == 1, "\(result)")
    #expect(result.stderr.contains("timeout: the run took longer than its time limit (--timeout)"), "\(result)")
    #expect(!result.stdout.contains("after"), "pcall cannot swallow the time limit: \(result)")
    #expect(Date().timeIntervalSince(started) < 600, "liveness only: the message above proves the limit")
  }

  @Test func interruptStopsALuaPatternMatch() throws {
    let run = try Subprocess.start([EngineFailureTests.binary, "-e", Self.runawayPattern])
    usleep(1_500_000)
    kill(run.pid, SIGINT)
    let result = run.finish()
    #expect(result.status == 1, "\(result)")
    #expect(result.stderr.contains("interrupted!"), "\(result)")
  }

  @Test func interruptStopsARegexMatch() throws {
    let f = try fixture()
    defer { f.cleanUp() }
    let run = try Subprocess.start([
      EngineFailureTests.binary, "-e", "print(#docker.images():match('\(Self.hostile)'))",
    ])
    usleep(1_500_000)
    kill(run.pid, SIGINT)
    let result = run.finish()
    #expect(result.status == 1, "\(result)")
    #expect(result.stderr.contains("interrupted!"), "\(result)")
  }
}
