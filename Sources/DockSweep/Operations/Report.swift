import DockerFormats

/// What a removal, stop or prune did (or, in a dry run, would do): a value an embedder can read,
/// and text that reads like the docker CLI's output for the same operation.
///
/// ```swift
/// for report in try await session.run(ScriptSource(text: "docker.images():dangling():remove()")) {
///   print(report.deleted.count, report.reclaimed.bytes, report.failed.map(\.error))
/// }
/// ```
public struct Report: Sendable, Equatable {
  /// The kind of object an operation acts on.
  public enum Object: String, Sendable, Equatable {
    /// Images (`docker image rm`, `docker image prune`).
    case image
    /// Containers (`docker container rm`, `stop`, `prune`).
    case container
    /// Volumes (`docker volume rm`).
    case volume
    /// Build cache records (`docker builder prune`).
    case buildCache = "build_cache"

    /// "3 images", "1 build cache record".
    func count(_ n: Int) -> String {
      let noun = self == .buildCache ? "build cache record" : rawValue
      return "\(n) \(noun)\(n == 1 ? "" : "s")"
    }
  }

  /// What was done; decides the report's wording.
  public enum Kind: Sendable, Equatable {
    /// `docker image rm`, `docker container rm`.
    case remove(Object)
    /// `docker container stop`.
    case stop(Object)
    /// `docker image prune`, `docker container prune`: printed as those commands print.
    case prune(Object)
    /// `docker.budget`: stopped containers, unused volumes, build cache and least recently used images,
    /// printed as `docker system prune` prints, with the budget's outcome in ``Report/budget``.
    case budget

    /// The kind of object acted on (images for a budget, whose main work they are).
    public var object: Object {
      switch self {
      case .remove(let o), .stop(let o), .prune(let o): return o
      case .budget: return .image
      }
    }

    /// `remove`, `stop`, `prune` or `budget`.
    public var operation: String {
      switch self {
      case .remove: return "remove"
      case .stop: return "stop"
      case .prune: return "prune"
      case .budget: return "budget"
      }
    }

    /// The verb of a dry-run header: "remove", "stop".
    var verb: String {
      if case .stop = self { return "stop" }
      return "remove"
    }
  }

  /// How much space the operation freed, and how that is known.
  public enum Reclaimed: Sendable, Equatable {
    /// Not reported (container stops and removals, a single image removal).
    case notReported
    /// The engine measured it (prunes the engine ran).
    case measured(Int64)
    /// The summed sizes of the images deleted (or, in a dry run, to delete): an upper bound, since a
    /// layer two images share counts twice and stays on disk while another image uses it.
    case summed(Int64)

    /// The bytes, or 0 when not reported.
    public var bytes: Int64 {
      switch self {
      case .notReported: return 0
      case .measured(let b), .summed(let b): return b
      }
    }
  }

  /// An object the operation could not act on, and the engine's words.
  public struct Failure: Sendable, Equatable {
    /// The reference, ID or name acted on.
    public let target: String
    /// The engine's message, as the docker CLI prints it.
    public let error: String
  }

  /// An object left alone on purpose (protected, already gone, not started), and why.
  public struct Skip: Sendable, Equatable {
    /// The reference, ID or name left alone.
    public let target: String
    /// Why: `protected: ...`, `already gone: ...`, `not started: interrupted`.
    public let reason: String
  }

  /// A line of a dry-run plan: what would go, and its size where one is freed.
  public struct Planned: Sendable, Equatable {
    /// The reference, ID or container as the plan shows it.
    public let target: String
    /// The bytes its removal frees; nil when it frees none (an untag) or is not measured (containers).
    public let size: Int64?
  }

  /// What was done.
  public let kind: Kind
  /// Whether nothing was done and ``planned`` says what would have been.
  public internal(set) var dryRun: Bool
  /// References the engine untagged.
  public internal(set) var untagged: [String] = []
  /// Image IDs the engine deleted.
  public internal(set) var deleted: [String] = []
  /// Container IDs removed (or stopped); volume names for volume removals.
  public internal(set) var removed: [String] = []
  /// Volumes a budget removed.
  public internal(set) var removedVolumes: [String] = []
  /// Build cache records a budget or build cache prune deleted.
  public internal(set) var deletedBuildCache: [String] = []
  /// Where a budget left the disk, for ``Kind/budget`` reports.
  public internal(set) var budget: BudgetStatus?
  /// Objects the engine refused to act on.
  public internal(set) var failed: [Failure] = []
  /// Objects left alone on purpose.
  public internal(set) var skipped: [Skip] = []
  /// What a dry run would do, in order.
  public internal(set) var planned: [Planned] = []
  /// The space freed, and how that is known.
  public internal(set) var reclaimed: Reclaimed

  /// An empty report of `kind`.
  public init(_ kind: Kind, dryRun: Bool = false, reclaimed: Reclaimed = .notReported) {
    self.kind = kind
    self.dryRun = dryRun
    self.reclaimed = reclaimed
  }

  /// True when nothing failed.
  public var ok: Bool { failed.isEmpty }

  /// How many objects it acted on: untagged references, deleted images, removed or stopped containers,
  /// removed volumes, deleted build cache records.
  public var actedOn: Int {
    untagged.count + deleted.count + removed.count + removedVolumes.count + deletedBuildCache.count
  }

  /// Adds what `part` did (a budget's steps) to this report; its reclaimed space is not added.
  mutating func absorb(_ part: Report) {
    untagged += part.untagged
    deleted += part.deleted
    failed += part.failed
    skipped += part.skipped
    deletedBuildCache += part.deletedBuildCache
    planned += part.planned
    switch part.kind.object {
    case .volume: removedVolumes += part.removed
    default: removed += part.removed
    }
  }

  mutating func skip(_ target: String, _ reason: String) { skipped.append(Skip(target: target, reason: reason)) }
  mutating func fail(_ target: String, _ error: String) { failed.append(Failure(target: target, error: error)) }
  mutating func plan(_ target: String, size: Int64?) { planned.append(Planned(target: target, size: size)) }

  /// Adds to the summed space (a measured figure is kept as it is).
  mutating func addSummed(_ bytes: Int64) {
    switch reclaimed {
    case .summed(let b): reclaimed = .summed(b + bytes)
    case .notReported: reclaimed = .summed(bytes)
    case .measured: break
    }
  }

  /// The report as the docker CLI words it.
  public var text: String {
    if kind == .budget { return budgetText }
    var lines: [String] = []
    if dryRun {
      lines.append("Dry run: would \(kind.verb) \(kind.object.count(planned.count))")
      for p in planned {
        lines.append("  \(p.target)" + (p.size.map { "  \(ByteSize.image($0))" } ?? ""))
      }
    }
    if case .prune = kind {
      if !untagged.isEmpty || !deleted.isEmpty {
        lines.append("Deleted Images:")
        lines += untagged.map { "untagged: \($0)" }
        lines += deleted.map { "deleted: \($0)" }
        lines.append("")
      }
      if !removed.isEmpty {
        lines.append("Deleted Containers:")
        lines += removed
        lines.append("")
      }
      if !deletedBuildCache.isEmpty {
        lines.append("Deleted build cache objects:")
        lines += deletedBuildCache
        lines.append("")
      }
    } else {
      lines += untagged.map { "Untagged: \($0)" }
      lines += deleted.map { "Deleted: \($0)" }
      lines += removed
    }
    lines += skipped.map { "Skipped: \($0.target) (\($0.reason))" }
    lines += failed.map { "Error: \($0.target): \($0.error)" }
    switch reclaimed {
    case .notReported: break
    case .measured(let bytes): lines.append("Total reclaimed space: " + ByteSize.df(bytes))
    case .summed(let bytes) where kind.object == .image:
      lines.append(
        (dryRun ? "Total size of the images to remove: " : "Total size of the removed images: ")
          + ByteSize.df(bytes) + " (layers other images share stay on disk)")
    case .summed(let bytes):
      let noun = kind.object == .buildCache ? "build cache records" : kind.object.rawValue + "s"
      lines.append((dryRun ? "Total size of the \(noun) to remove: " : "Total reclaimed space: ") + ByteSize.df(bytes))
    }
    return lines.joined(separator: "\n")
  }
}
