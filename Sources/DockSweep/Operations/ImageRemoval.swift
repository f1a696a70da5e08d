import DockerEngine
import DockerFormats
import FoundationEssentials

/// Removes the images of a list as the docker CLI would: by the references a `:match` selected, else
/// by ID. Protection comes first, then the ``BulkPipeline``: images go concurrently (the references of
/// one image in order). Never widens what it removes.
struct ImageRemoval {
  /// One image's work: its references to remove (or its ID), and whether the engine is told to force.
  struct Work: Sendable {
    let imageID: String
    let names: [String]
    let size: Int64
    let force: Bool
  }

  /// Image deletes run 4 at a time: the engine does much of each under one lock.
  static let concurrency = 4

  let session: Session
  let force: Bool
  let prune: Bool
  /// Set for prunes made on this side (a protect pattern or a dry run): an image with several references goes
  /// as the engine's prune removes it, all of them, where `docker image rm ID` refuses it unless forced. It
  /// is still deleted by ID (with force, which the engine refuses for an image a running container uses), so
  /// a tag moved to another image meanwhile is never touched; every reference counts for protection.
  var pruning = false

  func run(_ items: [ImageItem], confirmed: Bool = false) throws -> Report {
    var report = Report(
      pruning ? .prune(.image) : .remove(.image), dryRun: session.options.dryRun, reclaimed: .summed(0))
    var targets: [BulkTarget<Work>] = []
    for item in items {
      let id = item.summary.id
      let tags = item.summary.repoTags
      if let selected = item.selectedRefs {
        var keep: [String] = []
        for ref in selected {
          if let why = try session.safety.protection(of: [ref]) { report.skip(ref, why) } else { keep.append(ref) }
        }
        if keep.isEmpty { continue }
        // An image that keeps other tags is only untagged: no size is freed by it.
        let whole = Set(keep) == Set(tags)
        targets.append(
          target(
            Work(imageID: id, names: keep, size: item.summary.size, force: force), tags: tags, whole: whole))
      } else {
        let references = tags + (pruning ? item.summary.repoDigests : [])
        if let why = try session.safety.protection(of: references) {
          report.skip(ImageItem.shortID(id), why)
          continue
        }
        let work = Work(
          imageID: id, names: [id], size: item.summary.size, force: force || (pruning && references.count > 1))
        targets.append(target(work, tags: tags, whole: true))
      }
    }
    let references = targets.reduce(0) { $0 + $1.names.count }
    let pipeline = BulkPipeline(
      session: session, progress: "Removing images", concurrency: Self.concurrency,
      what: Self.describe(references: references, images: targets.count))
    let noprune = !prune
    return try pipeline.run(
      targets, into: report, confirmed: confirmed,
      perform: { client, work in
        var outcomes: [(String, Result<[ImageDeleteItem], DockerError>)] = []
        for name in work.names {
          outcomes.append(
            (name, await .of { try await client.removeImage(name, force: work.force, noprune: noprune) }))
        }
        return outcomes
      },
      record: { report, target, outcomes in
        var imageDeleted = false
        for (name, outcome) in outcomes {
          if let items = BulkPipeline.record(outcome, for: Self.display(name), into: &report) {
            report.record(items)
            if items.contains(where: { $0.deletes(target.work.imageID) }) { imageDeleted = true }
          }
        }
        if imageDeleted { report.addSummed(target.work.size) }
      })
  }

  /// The pipeline's view of `work`: how its names show in the question and the plan.
  private func target(_ work: Work, tags: [String], whole: Bool) -> BulkTarget<Work> {
    let shown = work.names.map { Self.display($0, tags: $0 == work.imageID ? tags : []) }
    return BulkTarget(
      id: work.imageID, names: work.names.map { Self.display($0) },
      question: shown.map { $0 + "  " + ByteSize.image(work.size) },
      plan: shown.map {
        whole ? Report.Planned(target: $0, size: work.size) : Report.Planned(target: $0 + "  (untag only)", size: nil)
      },
      size: whole ? work.size : nil, work: work)
  }

  /// How `name` shows: an image ID short, with the image's `tags` when given.
  static func display(_ name: String, tags: [String] = []) -> String {
    guard name.hasPrefix("sha256:") else { return name }
    return ImageItem.shortID(name) + (tags.isEmpty ? "" : " (" + tags.joined(separator: ", ") + ")")
  }

  /// "3 images" when each image goes whole by one name, else "6 references (3 images)".
  static func describe(references: Int, images: Int) -> String {
    let imageCount = "\(images) image\(images == 1 ? "" : "s")"
    return references == images ? imageCount : "\(references) references (\(imageCount))"
  }
}

extension Report {
  /// Records the engine's answer to an image removal or prune.
  mutating func record(_ items: [ImageDeleteItem]) {
    for item in items {
      switch item {
      case .untagged(let ref): untagged.append(ref)
      case .deleted(let id): deleted.append(id)
      }
    }
  }
}
