import DockerFormats

/// Where a `docker.budget` left the disk: what it measured, the marks it aimed at, and what it could not
/// free and why.
public struct BudgetStatus: Sendable, Equatable {
  /// What the budget limits.
  public enum Measure: String, Sendable, Equatable {
    /// The images' bytes on disk (the Images row of `docker system df`): a budget in bytes.
    case images
    /// The used bytes of the filesystem holding the engine's data root: a budget in percent.
    case filesystem
  }

  /// What is measured.
  public var measure: Measure
  /// The budget as written: `"10GB"`, `"80%"`.
  public var limit: String
  /// The budget in bytes: above it, images are evicted.
  public var high: Int64
  /// The low mark in bytes: eviction goes on until the measure is at or under it.
  public var low: Int64
  /// The measure before anything was removed.
  public var before: Int64
  /// The measure afterwards; in a dry run, the estimate after the plan.
  public var after: Int64
  /// Bytes of images kept because containers use them.
  public var heldByContainers: Int64 = 0
  /// Bytes of images kept because they are protected (`keep`, `--protect`, `docker.protect`).
  public var heldByProtection: Int64 = 0
  /// Bytes of images kept because they were used within `min_age`.
  public var heldByMinAge: Int64 = 0

  /// Whether the measure is within the budget.
  public var met: Bool { after <= high }

  /// Lines for the report's text.
  func lines(dryRun: Bool) -> [String] {
    let name = measure == .images ? "Images" : "Filesystem"
    let marks = "budget \(limit) (\(ByteSize.df(high)))" + (low < high ? ", low mark \(ByteSize.df(low))" : "")
    var out: [String] = []
    if dryRun {
      out.append("\(name): \(ByteSize.df(before)), \(marks); after the plan at most \(ByteSize.df(after))")
    } else {
      out.append(
        "\(name): \(ByteSize.df(before)) before, \(ByteSize.df(after)) after; \(marks): "
          + (met ? "met" : "not met"))
    }
    if !met || dryRun, heldByContainers + heldByProtection + heldByMinAge > 0 {
      out.append(
        "Held: \(ByteSize.df(heldByContainers)) by containers, \(ByteSize.df(heldByProtection)) by protection, "
          + "\(ByteSize.df(heldByMinAge)) by min_age")
    }
    return out
  }
}

extension Report {
  /// A budget's report, worded as `docker system prune` words its sections.
  var budgetText: String {
    var lines: [String] = []
    if dryRun {
      lines.append("Dry run: would remove \(planned.count) object\(planned.count == 1 ? "" : "s"), in this order")
      for p in planned { lines.append("  \(p.target)" + (p.size.map { "  \(ByteSize.image($0))" } ?? "")) }
    }
    func section(_ title: String, _ items: [String]) {
      guard !items.isEmpty else { return }
      lines.append(title)
      lines += items
      lines.append("")
    }
    section("Deleted Containers:", removed)
    section("Deleted Volumes:", removedVolumes)
    section("Deleted Images:", untagged.map { "untagged: \($0)" } + deleted.map { "deleted: \($0)" })
    section("Deleted build cache objects:", deletedBuildCache)
    lines += skipped.map { "Skipped: \($0.target) (\($0.reason))" }
    lines += failed.map { "Error: \($0.target): \($0.error)" }
    if !dryRun { lines.append("Total reclaimed space: " + ByteSize.df(reclaimed.bytes)) }
    if let budget { lines += budget.lines(dryRun: dryRun) }
    return lines.joined(separator: "\n")
  }
}
