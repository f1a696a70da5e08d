import DockerEngine
import DockerFormats
import FoundationEssentials

/// What a build cache prune down to `keep` bytes would delete, estimated from the engine's records (the
/// engine's prune decides; this is its plan for a dry run and the question): unused records, unused for
/// `keep_duration` when given, least recently used first, until the rest fits.
struct BuildCachePlan {
  let keep: Int64
  /// Records the prune is expected to delete, in order.
  let chosen: [BuildCacheRecord]
  /// Whether the cache is over `keep` now.
  let overBudget: Bool

  init(records: [BuildCacheRecord], keep: Int64, now: Date, _ policy: BudgetPolicy) {
    self.keep = keep
    let counted = records.filter { !$0.shared }
    var total = counted.ownBytes
    overBudget = total > keep
    let cutoff = policy.keepDuration.map { now.addingTimeInterval(-$0) }
    let eligible = counted.filter { record in
      guard !record.inUse else { return false }
      guard let cutoff else { return true }
      return Self.lastUsed(record) < cutoff
    }.sorted { Self.lastUsed($0) < Self.lastUsed($1) }
    var chosen: [BuildCacheRecord] = []
    for record in eligible where total > keep {
      chosen.append(record)
      total -= record.size
    }
    self.chosen = chosen
  }

  /// When a record was last used (its creation when never), as the engine wrote it.
  static func lastUsed(_ record: BuildCacheRecord) -> Date {
    EngineTimestamp.date(record.lastUsedAt) ?? EngineTimestamp.date(record.createdAt) ?? .distantPast
  }
}
