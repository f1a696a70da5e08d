import Foundation
import Testing

@testable import DockSweep

/// The watch log's lines, as text and as JSON, and the metrics file's text.
@Suite struct WatchLogTests {
  final class Lines: @unchecked Sendable {
    var all: [String] = []
  }

  @Test func linesCarryAnRFC3339TimestampWithMilliseconds() throws {
    let lines = Lines()
    let when = Date(timeIntervalSince1970: 1_796_143_159.0071)
    let text = WatchLog(format: .text, write: { lines.all.append($0) }, clock: { when })
    text.log("deleted", "deleted image sha256:aa", ["image": .text("sha256:aa")])
    #expect(lines.all == ["2026-12-01T16:39:19.007Z deleted image sha256:aa\n"])
    let json = WatchLog(format: .json, write: { lines.all.append($0) }, clock: { when })
    json.log("budget", "Images: \"big\"", ["before": .integer(12), "met": .boolean(true)])
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(lines.all[1].utf8)) as? [String: Any])
    #expect(object["time"] as? String == "2026-12-01T16:39:19.007Z")
    #expect(object["event"] as? String == "budget" && object["message"] as? String == "Images: \"big\"")
    #expect(object["before"] as? Int == 12 && object["met"] as? Bool == true)
  }

  @Test func metricsCountRunsFailuresAndTheBudget() {
    var metrics = WatchMetrics()
    var report = Report(.budget)
    report.budget = BudgetStatus(measure: .images, limit: "1GB", high: 10, low: 10, before: 20, after: 15)
    report.reclaimed = .measured(5)
    report.deleted = ["sha256:aa"]
    metrics.record(reports: [report], at: Date(timeIntervalSince1970: 100))
    metrics.record(reports: nil, at: Date(timeIntervalSince1970: 200))
    let text = metrics.text
    for line in [
      "docksweep_runs_total 2", "docksweep_run_failures_total 1", "docksweep_reclaimed_bytes_total 5",
      "docksweep_removed_objects_total 1", "docksweep_last_success_timestamp_seconds 100", "docksweep_budget_met 0",
      "# TYPE docksweep_runs_total counter",
    ] {
      #expect(text.contains(line + "\n"), "\(line) in \(text)")
    }
  }
}
