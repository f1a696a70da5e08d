import Foundation
import TestImages
import Testing

/// No pattern can stall a run: regexes (in `match`, `exclude` and protect patterns) match in linear time,
/// so patterns that take exponential time in a backtracking engine answer at once against a long name; a
/// Lua pattern that backtracks inside the C library's matcher is stopped by `--timeout` and Ctrl-C as a busy
/// loop is.
@Suite struct RunawayMatchTests {
  /// `(a|aa)+$` takes exponential time against `.../aaaa...:latest` in a backtracking engine.
  static let hostile = "(a|aa)+$"
  /// The same, matching the test's image.
  static let hostileMatching = "(a|aa)+:latest$"

  func fixture() throws -> Fixture {
    let f = try Fixture()
    try f.load([f.image([String(repeating: "a", count: 40) + ":latest"])])
    return f
  }

  @Test func hostileRegexesAnswerWithinATightLimit() throws {
    let f = try fixture()
    defer { f.cleanUp() }
    let mine = "docker.images():match('\(f.pattern)')"
    let result = try Subprocess.run([
      EngineFailureTests.binary, "--timeout", "2", "-e",
      "print(#\(mine):match('\(Self.hostile)'), #\(mine):match('\(Self.hostileMatching)'),"
        + " #\(mine):exclude('\(Self.hostile)'), #\(mine):exclude('\(Self.hostileMatching)'))",
    ])
    #expect(result.status == 0, "\(result)")
    #expect(result.stdout == "0\t1\t1\t0\n", "\(result)")
  }

  @Test func hostileProtectPatternProtectsAndRemovesNothing() throws {
    let f = try fixture()
    defer { f.cleanUp() }
    let result = try Subprocess.run([
      EngineFailureTests.binary, "--timeout", "2", "--yes", "--protect", Self.hostileMatching, "-e",
      "docker.images():match('\(f.pattern)'):remove()",
    ])
    let ref = f.ref(String(repeating: "a", count: 40)) + ":latest"
    #expect(result.status == 0, "\(result)")
    #expect(result.stdout.contains("Skipped: \(ref) (protected: \(ref) matches"), "\(result)")
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
}
