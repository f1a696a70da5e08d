import DockerEngine
import Foundation
import LuaBridge

/// Removes the images of a list as the docker CLI would: by the references
/// a `:match` selected, else by ID. Protection, confirmation and dry run come
/// first; then images go concurrently (the references of one image in
/// order), until done or interrupted. Never widens what it removes.
struct ImageRemoval {
  /// One image's work: its references to remove, or its ID.
  struct Target: Sendable {
    let imageID: String
    let names: [String]
    let size: Int64
    let wholeImage: Bool
    /// Whether the engine is told to force: asked for, or a prune's image with several references.
    let force: Bool
    /// The image's tags, shown beside its ID in a plan.
    let tags: [String]
  }

  let session: Session
  let force: Bool
  let prune: Bool
  /// Set for prunes made on this side (a protect pattern or a dry run): an image with several references goes
  /// as the engine's prune removes it, all of them, where `docker image rm ID` refuses it unless forced. It
  /// is still deleted by ID (with force, which the engine refuses for an image a running container uses), so
  /// a tag moved to another image meanwhile is never touched; every reference counts for protection.
  var pruning = false

  func run(_ items: [ImageItem], confirmed: Bool = false) throws -> Report {
    let report = Report(noun: "image")
    report.dryRun = session.options.dryRun
    var targets: [Target] = []
    for item in items {
      let id = item.summary.id
      if let selected = item.selectedRefs {
        var keep: [String] = []
        for ref in selected {
          if let why = session.safety.protection(of: [ref]) {
            report.skipped.append((ref, why))
          } else {
            keep.append(ref)
          }
        }
        if keep.isEmpty { continue }
        let whole = Set(keep) == Set(item.summary.repoTags)
        targets.append(
          Target(
            imageID: id, names: keep, size: item.summary.size, wholeImage: whole, force: force,
            tags: item.summary.repoTags))
      } else {
        let references = item.summary.repoTags + (pruning ? item.summary.repoDigests : [])
        if let why = session.safety.protection(of: references) {
          report.skipped.append((ImageItem.shortID(id), why))
          continue
        }
        targets.append(
          Target(
            imageID: id, names: [id], size: item.summary.size, wholeImage: true,
            force: force || (pruning && references.count > 1), tags: item.summary.repoTags))
      }
    }
    let objects = targets.reduce(0) { $0 + $1.names.count }
    let plan = targets.flatMap { t in t.names.map { display($0, of: t) + "  " + ByteSize.image(t.size) } }
    if !confirmed {
      try session.safety.confirm(
        count: objects, what: Self.describe(references: objects, images: targets.count), plan: plan, io: session.io)
    }

    if report.dryRun {
      for t in targets {
        // An image that keeps other tags is only untagged: no size is freed by it.
        for name in t.names {
          report.planned.append(
            t.wholeImage ? (display(name, of: t), t.size) : (display(name, of: t) + "  (untag only)", nil))
        }
        if t.wholeImage { report.reclaimed += t.size }
      }
      return report
    }

    let noprune = !prune
    let interrupt = session.interruptHandle
    let progress = Progress("Removing images", total: targets.count, session: session)
    let counter = Counter()
    let work = targets
    let results = try session.engine.call(bulk: true) { client in
      await client.forEachConcurrently(work, limit: 4, shouldContinue: { !interrupt.isPending }) { target in
        var outcomes: [(String, Result<[ImageDeleteItem], DockerError>)] = []
        for name in target.names {
          do {
            outcomes.append(
              (name, .success(try await client.removeImage(name, force: target.force, noprune: noprune))))
          } catch let e as DockerError {
            outcomes.append((name, .failure(e)))
          } catch {
            outcomes.append((name, .failure(DockerError(kind: .connectionLost, message: "\(error)"))))
          }
        }
        progress.update(counter.increment())
        return outcomes
      }
    }
    progress.finish()
    var started = Set<String>()
    for (target, outcomes) in results {
      started.insert(target.imageID)
      var imageDeleted = false
      for (name, outcome) in outcomes {
        switch outcome {
        case .success(let items):
          report.record(items)
          if items.contains(.deleted(target.imageID)) { imageDeleted = true }
        case .failure(let error) where error.kind == .notFound:
          report.skipped.append((display(name), "already gone: \(error.message)"))
        case .failure(let error):
          report.failed.append((display(name), error.description))
        }
      }
      if imageDeleted { report.reclaimed += target.size }
    }
    for t in targets where !started.contains(t.imageID) {
      for name in t.names { report.skipped.append((display(name), "not started: interrupted")) }
    }
    return try session.finishBulk(report)
  }

  /// How `name` shows in a plan: an image ID short, with the image's tags.
  private func display(_ name: String, of target: Target) -> String {
    guard name == target.imageID, !target.tags.isEmpty else { return display(name) }
    return display(name) + " (" + target.tags.joined(separator: ", ") + ")"
  }

  private func display(_ name: String) -> String {
    name.hasPrefix("sha256:") ? ImageItem.shortID(name) : name
  }

  /// "3 images" when each image goes whole by one name, else "6 references (3 images)".
  static func describe(references: Int, images: Int) -> String {
    let imageCount = "\(images) image\(images == 1 ? "" : "s")"
    return references == images ? imageCount : "\(references) references (\(imageCount))"
  }
}

/// A thread-safe counter for progress from concurrent work.
final class Counter: @unchecked Sendable {
  private var value = 0
  private let lock = NSLock()

  func increment() -> Int {
    lock.lock()
    defer { lock.unlock() }
    value += 1
    return value
  }
}
