import DockerEngine
import DockerFormats
import FoundationEssentials
import LuaBridge

/// Carries out a ``BudgetPolicy`` on the session's engine: plans every part first (stopped containers,
/// unused volumes, build cache, images by least recent use), asks once, then acts part by part. Images go
/// in chunks, re-measuring the disk after each, and stop at the low mark; nothing is removed that the plan
/// did not list. A container removed by the budget frees its image for the next run, not this one.
struct BudgetRun {
  let session: Session
  let module: DockerModule
  let policy: BudgetPolicy
  var now = Date()

  func run() throws -> Report {
    var report = Report(.budget, dryRun: session.options.dryRun)
    // A percentage needs the data root's filesystem here: a remote engine is refused before anything else.
    let percent = (policy.images?.isPercent ?? false) || (policy.low?.isPercent ?? false)
    let root = percent ? try dataRoot() : nil
    let before = try module.engine { try await $0.diskUsage() }
    let containers = try stoppedContainers()
    let volumes = try unusedVolumes()
    let cache = policy.buildCache.map { BuildCachePlan(records: before.buildCache, keep: $0, now: now, policy) }
    var images: (plan: EvictionPlan, status: BudgetStatus, measure: Measurer)?
    if policy.coversImages { images = try planImages(before, dataRoot: root) }

    let evicted = images?.plan.evict.map(\.image) ?? []
    var question: [String] = containers.map { "container \($0.name) (\($0.image))" }
    question += volumes.map { "volume \($0.name)" }
    question += cache?.chosen.map { "build cache \($0.id)" } ?? []
    question += evicted.map { $0.line(now: now) + "  " + ByteSize.image($0.unique) }
    try session.safety.confirm(count: question.count, what: "\(question.count) objects", plan: question, io: session.io)

    if report.dryRun {
      session.recordPlanned(containers.map(\.id) + volumes.map(\.name) + (cache?.chosen.map(\.id) ?? []))
      session.recordPlanned(evicted.map(\.summary.id))
      for c in containers { report.plan("container \(c.shortID) \(c.name) (\(c.status))", size: nil) }
      for v in volumes { report.plan("volume \(v.name)", size: v.size >= 0 ? v.size : nil) }
      for r in cache?.chosen ?? [] { report.plan("build cache \(r.id) (\(r.description))", size: r.size) }
      for (image, forMaxAge) in images?.plan.evict ?? [] {
        report.plan(image.line(now: now) + (forMaxAge ? " (max_age)" : ""), size: image.unique)
      }
      // What stays and why, in a dry run only: an unattended run would repeat it in every log.
      for (image, hold) in images?.plan.held ?? [] { report.skip(image.line(now: now), hold.rawValue) }
      report.budget = images?.status
      return report
    }

    if !containers.isEmpty {
      report.absorb(
        try ContainerOperation(session: session, action: .remove(force: false, volumes: false)).run(
          containers, confirmed: true))
    }
    if !volumes.isEmpty {
      report.absorb(try VolumeRemoval(session: session, force: false).run(volumes, confirmed: true))
    }
    if let cache, session.options.confirmedTargets != nil {
      // Only the records the plan listed: the engine's own prune would choose for itself.
      report.absorb(try BuildCacheRemoval(session: session).run(cache.chosen, confirmed: true))
    } else if let cache, !cache.chosen.isEmpty || cache.overBudget {
      let keep = cache.keep
      let until = policy.keepDuration
      let pruned = try module.engine { try await $0.pruneBuildCache(keepStorage: keep, unusedFor: until) }
      report.deletedBuildCache = pruned.deleted
    }
    if let (plan, planned, measure) = images {
      var status = planned
      status.after = try evict(plan, status: status, measure: measure, into: &report)
      report.budget = status
    }
    // The last measure of the images, when it was `docker system df`, is the disk after the last action.
    let after =
      try images?.measure.lastDisk ?? (report.actedOn > 0 ? module.engine { try await $0.diskUsage() } : before)
    report.reclaimed = .measured(max(0, before.totalBytes - after.totalBytes))
    return report
  }

  // MARK: Images

  /// Measures what the budget limits: the images' bytes, or the data root's filesystem.
  final class Measurer {
    let filesystem: String?
    let module: DockerModule
    /// The disk usage the last measure of the images' bytes read.
    private(set) var lastDisk: SystemDiskUsage?

    init(filesystem: String?, module: DockerModule) {
      self.filesystem = filesystem
      self.module = module
    }

    func measure() throws -> Int64 {
      if let filesystem {
        guard let usage = FilesystemUsage.of(filesystem) else {
          throw LuaRuntimeError("cannot measure the filesystem of \(filesystem)")
        }
        return usage.used
      }
      let disk = try module.engine { try await $0.diskUsage() }
      lastDisk = disk
      return disk.imageBytes
    }
  }

  /// Plans the images' part; `dataRoot` is set for a budget in percent.
  private func planImages(_ df: SystemDiskUsage, dataRoot filesystem: String?) throws
    -> (EvictionPlan, BudgetStatus, Measurer)
  {
    let capacity = filesystem.flatMap { FilesystemUsage.of($0)?.capacity }
    let measurer = Measurer(filesystem: filesystem, module: module)
    let usage = try filesystem.map { _ in try measurer.measure() } ?? df.imageBytes
    let high = policy.images?.bytes(capacity: capacity)
    let low = min(policy.low?.bytes(capacity: capacity) ?? high ?? 0, high ?? 0)

    let sync = try module.syncLastUse()
    let seconds = Int64(now.timeIntervalSince1970)
    var images: [BudgetImage] = []
    for summary in df.images {
      let record = sync.table.images[summary.id]
      let names = summary.repoTags + summary.repoDigests
      var protection = try session.safety.protection(of: names)
      if protection == nil {
        for regex in policy.keep {
          if let name = try names.first(where: {
            try regex.matches($0, limit: session.safety.limit)
          }) {
            protection = "kept: \(name) matches \"\(regex.pattern)\" (keep)"
            break
          }
        }
      }
      let inUse = max(summary.containers, sync.inUse.contains(summary.id) ? 1 : 0)
      var image = BudgetImage(
        summary: summary, lastUsed: record?.lastUsed ?? seconds, uses: record?.uses ?? 0, containers: inUse,
        protection: protection, rank: Double(record?.lastUsed ?? seconds))
      if let rank = policy.rank, inUse == 0, protection == nil { image.rank = try rank(image) }
      images.append(image)
    }
    let plan = EvictionPlan.make(
      images, usage: usage, high: high, low: high == nil ? nil : low,
      minAgeCutoff: seconds - Int64(policy.minAge), maxAgeCutoff: policy.maxAge.map { seconds - Int64($0) })
    var status = BudgetStatus(
      measure: filesystem == nil ? .images : .filesystem, limit: policy.images?.text ?? "none",
      high: high ?? usage, low: high == nil ? usage : low, before: usage, after: plan.estimatedAfter)
    status.heldByContainers = plan.heldBytes(.containers)
    status.heldByProtection = plan.heldBytes(.protection)
    status.heldByMinAge = plan.heldBytes(.minAge)
    return (plan, status, measurer)
  }

  /// The engine's data root, when its filesystem can be measured here. A remote engine is refused before
  /// it is asked anything.
  private func dataRoot() throws -> String {
    let advice = "give a size such as \"10GB\" for an engine on another machine"
    _ = try module.connection.get()
    guard module.engineIsLocal else {
      throw LuaRuntimeError(
        "a budget in percent needs the filesystem of the engine's data root, and \(module.connection.endpoint?.description ?? "the engine") is not on this machine; \(advice)"
      )
    }
    let root = try module.engine { try await $0.info() }.dockerRootDir
    guard !root.isEmpty, FilesystemUsage.of(root) != nil else {
      throw LuaRuntimeError(
        "a budget in percent needs the filesystem of the engine's data root (\(root.isEmpty ? "unknown" : root)), "
          + "which cannot be read here; \(advice)")
    }
    return root
  }

  /// Evicts in chunks: each chunk holds the next planned images whose sizes (shared layers counted)
  /// cover what is still over the low mark; after each the measure is taken again. Returns the last measure.
  private func evict(_ plan: EvictionPlan, status: BudgetStatus, measure: Measurer, into report: inout Report) throws
    -> Int64
  {
    var removal = ImageRemoval(session: session, force: false, prune: true)
    removal.pruning = true
    var remaining = plan.evict[...]
    var current = status.before
    while !remaining.isEmpty {
      var chunk: [BudgetImage] = []
      var covered: Int64 = 0
      while let next = remaining.first, next.forMaxAge || chunk.isEmpty || covered < current - status.low {
        chunk.append(next.image)
        covered += next.image.summary.size
        remaining.removeFirst()
      }
      let items = chunk.map { ImageItem(summary: $0.summary, selectedRefs: nil) }
      report.absorb(try removal.run(items, confirmed: true))
      current = try measure.measure()
      if current <= status.low, !(remaining.first?.forMaxAge ?? false) { break }
    }
    for left in remaining where !left.forMaxAge {
      report.skip(ImageItem.shortID(left.image.summary.id), "not needed: the budget's low mark was reached")
    }
    return current
  }

  // MARK: Containers, volumes, build cache

  /// Stopped containers that ended before `stopped_for` (never-started ones count from creation).
  private func stoppedContainers() throws -> [ContainerSummary] {
    guard let stoppedFor = policy.stoppedFor else { return [] }
    var filters = Filters()
    for s in ["exited", "created", "dead"] { filters.add("status", s) }
    let f = filters
    let cutoff = now.addingTimeInterval(-stoppedFor)
    return try module.engine { client in
      let stopped = try await client.containers(all: true, filters: f)
      return await client.forEachConcurrently(stopped, limit: 8) { c in
        let finished = try? await client.inspectContainer(c.id).raw["State"]?["FinishedAt"]?.stringValue
        let ended = finished.flatMap { try? TimeValue.parse($0, now: Date()) }
        let when =
          (ended?.timeIntervalSince1970 ?? 0) > 0 ? ended! : Date(timeIntervalSince1970: TimeInterval(c.created))
        return when < cutoff ? c : nil
      }.compactMap { $0.1 }
    }
  }

  /// Unused volumes the policy covers: anonymous ones, or all.
  /// (The engine's `dangling` filter decides; `volumes(filters:)` brings the sizes `system df` measured.)
  private func unusedVolumes() throws -> [VolumeSummary] {
    guard policy.volumes != .none else { return [] }
    var filters = Filters()
    filters.add("dangling", "true")
    let f = filters
    let dangling = try module.engine { try await $0.volumes(filters: f) }
    return dangling.filter { policy.volumes == .all || $0.isAnonymous }.sorted { $0.name < $1.name }
  }
}
