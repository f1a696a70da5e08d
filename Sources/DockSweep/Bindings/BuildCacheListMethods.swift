import DockerEngine
import DockerFormats
import LuaBridge

/// The methods only build cache lists have.
enum BuildCacheListMethods {
  static let owner = Binding.Owner.methods(of: BuildCacheList.className)

  static let bindings: [Binding] = [
    Binding(
      owner, "unused", returns: "BuildCacheList", summary: "keep records no build uses now",
      example: "docker.build_cache():unused()"
    ) { a in try a.filtered(BuildCacheList.self) { !$0.inUse } },
    Binding(
      owner, "larger_than", ["size: string|number"], returns: "BuildCacheList",
      summary: "keep records larger than a size", example: #"docker.build_cache():larger_than("100MB")"#
    ) { a in
      let bytes = try a.size(1)
      return try a.filtered(BuildCacheList.self) { $0.size > bytes }
    },
    Binding(
      owner, "total_size", returns: "integer", summary: "the sum of the records' sizes (shared ones once)",
      example: "units.size(docker.build_cache():total_size())"
    ) { a in [.integer(try a.receiver(BuildCacheList.self).items.ownBytes)] },
    Binding(
      owner, "remove", returns: "Report",
      summary: "remove the records (a build cache prune of each by ID); asks [y/N] for more than one",
      example: #"docker.build_cache():unused():sort_by("last_used"):first(10):remove()"#
    ) { a in
      let items = try a.receiver(BuildCacheList.self).items
      return [a.docker.hand(try BuildCacheRemoval(session: a.session).run(items))]
    },
  ]
}

/// Removes build cache records one by one (`POST /build/prune` with an `id` filter) through the
/// ``BulkPipeline``; in-use records are skipped, as the engine would keep them.
struct BuildCacheRemoval {
  let session: Session

  func run(_ items: [BuildCacheRecord], confirmed: Bool = false) throws -> Report {
    var report = Report(.remove(.buildCache), dryRun: session.options.dryRun, reclaimed: .summed(0))
    var targets: [BulkTarget<String>] = []
    for r in items {
      if r.inUse {
        report.skip(String(r.id.prefix(12)), "in use by a build")
        continue
      }
      let name = String(r.id.prefix(12))
      targets.append(
        BulkTarget(
          id: r.id, names: [name], question: ["\(name)  \(r.type)  \(ByteSize.df(r.size))  \(r.description)"],
          plan: [Report.Planned(target: "\(name) (\(r.description))", size: r.size)], size: r.size, work: r.id))
    }
    let pipeline = BulkPipeline(
      session: session, progress: "Removing build cache", concurrency: 1,
      what: Report.Object.buildCache.count(targets.count))
    return try pipeline.run(
      targets, into: report, confirmed: confirmed,
      perform: { client, id in
        await Result.of { try await client.pruneBuildCache(keepStorage: nil, unusedFor: nil, all: true, ids: [id]) }
      },
      record: { report, target, outcome in
        if let pruned = BulkPipeline.record(outcome, for: String(target.id.prefix(12)), into: &report) {
          report.deletedBuildCache += pruned.deleted
          report.addSummed(pruned.spaceReclaimed)
        }
      })
  }
}
