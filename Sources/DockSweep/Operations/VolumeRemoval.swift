import DockerEngine
import DockerFormats

/// Removes the volumes of a list through the ``BulkPipeline``, after protection (by name).
struct VolumeRemoval {
  /// Volume removals run a few at a time: each deletes a directory tree on the engine's disk.
  static let concurrency = 4

  let session: Session
  let force: Bool

  func run(_ items: [VolumeSummary], confirmed: Bool = false) throws -> Report {
    var report = Report(.remove(.volume), dryRun: session.options.dryRun, reclaimed: .summed(0))
    var targets: [BulkTarget<VolumeSummary>] = []
    for v in items {
      if let why = try session.safety.protection(of: [v.name]) {
        report.skip(v.name, why)
        continue
      }
      let size = v.size >= 0 ? v.size : nil
      targets.append(
        BulkTarget(
          id: v.name, names: [v.name], question: [v.name + (size.map { "  " + ByteSize.df($0) } ?? "")],
          plan: [Report.Planned(target: v.name, size: size)], size: size ?? 0, work: v))
    }
    let pipeline = BulkPipeline(
      session: session, progress: "Removing volumes", concurrency: Self.concurrency,
      what: "\(targets.count) volume\(targets.count == 1 ? "" : "s")")
    let force = self.force
    return try pipeline.run(
      targets, into: report, confirmed: confirmed,
      perform: { client, volume in await Result.of { try await client.removeVolume(volume.name, force: force) } },
      record: { report, target, outcome in
        if BulkPipeline.record(outcome, for: target.id, into: &report) != nil {
          report.removed.append(target.id)
          report.addSummed(max(0, target.work.size))
        }
      })
  }
}
