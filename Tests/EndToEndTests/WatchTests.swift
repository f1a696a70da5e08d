import Foundation
import TestImages
import Testing

/// `docksweep watch` end to end on an engine of its own: it keeps the engine under a budget as images
/// arrive, follows it across a restart, logs JSON lines and metrics, and ends cleanly on SIGTERM.
@Suite struct WatchTests {
  @Test func refusesWithoutYesOrDryRun() async throws {
    let result = try await Docksweep.run(["watch", "recipe", "keep-under", "10GB"])
    #expect(result.status == 2 && result.stderr.contains("give --yes"), "\(result)")
    let badEvery = try await Docksweep.run(["watch", "recipe", "keep-under", "10GB", "--yes", "--every", "soon"])
    #expect(badEvery.status == 2 && badEvery.stderr.contains("--every must be a duration"), "\(badEvery)")
  }

  @Test func keepsTheBudgetAcrossAnEngineRestart() async throws {
    try await BudgetTests.Setup.with { s in
      let f = s.fixture
      let metrics = f.scratch.appendingPathComponent("docksweep.prom").path
      let watch = try Subprocess.start(
        [
          try Docksweep.binary().path, "watch", "recipe", "keep-under", "2500000", "0s", "--yes", "--every", "1h",
          "--log-format", "json", "--metrics-file", metrics,
        ],
        environment: ["DOCKER_HOST": s.engine.host, "XDG_STATE_HOME": s.state])
      var stopped = false
      defer { if !stopped { kill(watch.pid, SIGKILL) } }
      let log = watch.scratch.appendingPathComponent("err")
      func events() -> [[String: Any]] {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap {
          try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
      }
      func waitFor(_ what: String, _ condition: () async throws -> Bool) async throws {
        for _ in 0..<600 {
          if try await condition() { return }
          try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("timed out waiting for \(what); log:\n\((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
        throw CancellationError()
      }
      try await waitFor("the first run") { events().contains { $0["event"] as? String == "done" } }

      /// No run in flight: every run started has ended (a run that meets the engine killed would fail).
      func idle() -> Bool {
        let names = events().compactMap { $0["event"] as? String }
        return names.filter { $0 == "run" }.count == names.filter { $0 == "done" || $0 == "failed" }.count
      }
      try await s.load((1...4).map { f.image(["big:\($0)"], size: 1_000_000) })
      try await waitFor("eviction down to the budget") { try await s.refs().count == 2 }
      try await Task.sleep(for: .milliseconds(500))
      try await waitFor("the runs the load started to end") { idle() }

      try await offPool { try s.engine.kill() }
      try await waitFor("the lost engine in the log") { events().contains { $0["event"] as? String == "disconnected" } }
      try await offPool { try s.engine.restart() }
      try await waitFor("the reconnection") { events().contains { $0["event"] as? String == "reconnected" } }
      try await s.load((5...7).map { f.image(["big:\($0)"], size: 1_000_000) })
      try await waitFor("eviction after the restart") {
        let refs = try await s.refs()
        return refs.count == 2
          && refs.contains(where: { $0.hasSuffix(":5") || $0.hasSuffix(":6") || $0.hasSuffix(":7") })
      }

      kill(watch.pid, SIGTERM)
      let result = watch.finish()
      stopped = true
      #expect(result.status == 0, "\(result)")
      let lines = result.stderr.split(separator: "\n")
      let parsed = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
      #expect(parsed.count == lines.count, "every log line is a JSON object: \(result.stderr)")
      #expect(parsed.allSatisfy { ($0["time"] as? String)?.hasSuffix("Z") == true && $0["event"] is String })
      #expect(parsed.last?["event"] as? String == "stopped", "\(result.stderr)")
      let deleted = parsed.filter { $0["event"] as? String == "untagged" }.count
      #expect(deleted == 5, "4 + 3 images loaded, 2 kept each time: \(result.stderr)")
      let prom = try String(contentsOfFile: metrics, encoding: .utf8)
      #expect(
        prom.contains("# TYPE docksweep_runs_total counter") && prom.contains("docksweep_budget_met 1"), "\(prom)")
      #expect(prom.contains("docksweep_run_failures_total 0"), "\(prom)\n\(result.stderr)")
    }
  }
}
