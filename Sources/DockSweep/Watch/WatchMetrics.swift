import DockerEngine
import FoundationEssentials
import Glibc

/// What `docksweep watch --metrics-file` writes after each run, in Prometheus' text format for
/// node_exporter's textfile collector: gauges of the disk, counters of the work, and the time of the last
/// successful run (alert on it going stale, or on `docksweep_budget_met` being 0).
struct WatchMetrics: Sendable {
  var runs: Int64 = 0
  var failures: Int64 = 0
  var reclaimed: Int64 = 0
  var removed: Int64 = 0
  var lastSuccess: Int64?
  var budgetMet: Bool?
  var disk: SystemDiskUsage?

  /// Adds the outcome of one run.
  mutating func record(reports: [Report]?, at time: Date) {
    runs += 1
    guard let reports else {
      failures += 1
      return
    }
    lastSuccess = Int64(time.timeIntervalSince1970)
    for report in reports where !report.dryRun {
      reclaimed += report.reclaimed.bytes
      removed += Int64(report.actedOn)
    }
    if let budget = reports.last(where: { $0.budget != nil })?.budget { budgetMet = budget.met }
  }

  /// The file's text.
  var text: String {
    var out = ""
    func metric(_ name: String, _ type: String, _ help: String, _ value: Int64?) {
      guard let value else { return }
      out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n\(name) \(value)\n"
    }
    if let disk {
      metric("docksweep_images_bytes", "gauge", "Bytes held by images (docker system df).", disk.imageBytes)
      metric("docksweep_build_cache_bytes", "gauge", "Bytes held by the build cache.", disk.buildCacheBytes)
      metric("docksweep_volumes_bytes", "gauge", "Bytes held by volumes.", disk.volumeBytes)
      metric("docksweep_containers_bytes", "gauge", "Bytes written by containers.", disk.containerBytes)
    }
    metric("docksweep_reclaimed_bytes_total", "counter", "Bytes freed by the runs.", reclaimed)
    metric("docksweep_removed_objects_total", "counter", "Objects removed or untagged by the runs.", removed)
    metric("docksweep_runs_total", "counter", "Runs of the recipe.", runs)
    metric("docksweep_run_failures_total", "counter", "Runs that failed.", failures)
    metric(
      "docksweep_last_success_timestamp_seconds", "gauge", "When a run last succeeded, in unix seconds.", lastSuccess)
    metric("docksweep_budget_met", "gauge", "1 when the last budget was met, 0 when not.", budgetMet.map { $0 ? 1 : 0 })
    return out
  }

  /// Writes the file atomically (a temporary file beside it, then rename).
  func write(to path: String) throws {
    let temporary = path + ".tmp-\(getpid())"
    try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
    guard rename(temporary, path) == 0 else {
      let reason = String(cString: strerror(errno))
      unlink(temporary)
      throw LastUseStore.Failure(description: "cannot write \(path): \(reason)")
    }
  }
}
