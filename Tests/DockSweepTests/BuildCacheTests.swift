import DockerEngine
import Foundation
import Testing

@testable import DockSweep

/// Build cache plans and lists from the engine's records (the test engine's builder makes none).
@Suite struct BuildCacheTests {
  static let records = [
    BuildCacheRecord(id: "new", size: 300, createdAt: "2026-11-30T00:00:00Z", lastUsedAt: "2026-11-30T00:00:00Z"),
    BuildCacheRecord(id: "old", size: 200, createdAt: "2026-11-01T00:00:00Z", lastUsedAt: "2026-11-02T00:00:00Z"),
    BuildCacheRecord(id: "busy", inUse: true, size: 500, createdAt: "2026-10-01T00:00:00Z"),
    BuildCacheRecord(id: "mid", size: 100, createdAt: "2026-11-10T00:00:00Z", lastUsedAt: "2026-11-20T00:00:00Z"),
    BuildCacheRecord(id: "shared", shared: true, size: 999, createdAt: "2026-09-01T00:00:00Z"),
  ]
  static let now = Date(timeIntervalSince1970: 1_796_083_200)  // 2026-12-01T00:00:00Z

  @Test func planDeletesLeastRecentlyUsedUnusedRecordsUntilTheRestFits() {
    let plan = BuildCachePlan(records: Self.records, keep: 800, now: Self.now, BudgetPolicy())
    #expect(plan.overBudget)
    #expect(plan.chosen.map(\.id) == ["old", "mid"], "1100 bytes counted, in-use and shared ones stay")
    var recent = BudgetPolicy()
    recent.keepDuration = 15 * 86400
    let kept = BuildCachePlan(records: Self.records, keep: 0, now: Self.now, recent)
    #expect(kept.chosen.map(\.id) == ["old"], "records used within keep_duration stay")
    #expect(BuildCachePlan(records: Self.records, keep: 5000, now: Self.now, BudgetPolicy()).chosen.isEmpty)
  }

  @Test func listPrintsOneRowPerRecord() {
    let table = BuildCacheList(Self.records).table(now: Self.now)
    let lines = table.split(separator: "\n")
    #expect(lines.first?.hasPrefix("ID") == true && lines.count == 6, "\(table)")
    #expect(lines.contains { $0.hasPrefix("busy") && $0.contains("true") }, "\(table)")
  }
}
