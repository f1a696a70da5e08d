import DockerEngine
import LuaBridge

/// Stops or removes the containers of a list concurrently, after protection,
/// confirmation and dry run, until done or interrupted.
struct ContainerOperation {
  enum Action: Sendable {
    /// `stopFirst` stops a running container gracefully (the engine's default timeout) before removing it.
    case remove(force: Bool, volumes: Bool, stopFirst: Bool = false)
    case stop(timeout: Int?)
  }

  /// Most containers stopped or removed at once, as many as the docker CLI's `rm` and `stop`: each request
  /// mostly waits (a stop up to its timeout), so the work overlaps well even on a small engine.
  static let concurrency = 50

  let session: Session
  let action: Action

  func run(_ items: [ContainerSummary], confirmed: Bool = false) throws -> Report {
    let verb: String
    switch action {
    case .remove: verb = "remove"
    case .stop: verb = "stop"
    }
    let report = Report(noun: "container")
    report.showsReclaimed = false
    report.dryRun = session.options.dryRun
    report.verb = verb
    var targets: [ContainerSummary] = []
    for c in items {
      if case .remove = action, let why = session.safety.protection(of: [c.name, c.image]) {
        report.skipped.append((c.name, why))
      } else {
        targets.append(c)
      }
    }
    // Stopping several containers takes services down: it asks as removing does.
    if !confirmed {
      try session.safety.confirm(
        count: targets.count, what: "\(targets.count) containers", verb: verb,
        plan: targets.map { "\($0.shortID)  \($0.name)  (\($0.image))" },
        io: session.io)
    }
    if report.dryRun {
      report.planned = targets.map { ("\($0.shortID) \($0.name) (\(verb))", nil) }
      return report
    }
    let action = self.action
    let ids = targets.map(\.id)
    let interrupt = session.interruptHandle
    let progress = Progress(
      verb == "stop" ? "Stopping containers" : "Removing containers", total: targets.count, session: session)
    let counter = Counter()
    let results = try session.engine.call(bulk: true) { client in
      await client.forEachConcurrently(ids, limit: Self.concurrency, shouldContinue: { !interrupt.isPending }) { id in
        defer { progress.update(counter.increment()) }
        do {
          switch action {
          case .remove(let force, let volumes, let stopFirst):
            if stopFirst { _ = try await client.stopContainer(id, timeout: nil) }
            try await client.removeContainer(id, force: force, volumes: volumes)
          case .stop(let timeout): _ = try await client.stopContainer(id, timeout: timeout)
          }
          return Result<Void, DockerError>.success(())
        } catch let e as DockerError {
          return .failure(e)
        } catch {
          return .failure(DockerError(kind: .connectionLost, message: "\(error)"))
        }
      }
    }
    progress.finish()
    var started = Set<String>()
    for (id, outcome) in results {
      started.insert(id)
      switch outcome {
      case .success: report.removed.append(id)
      case .failure(let e) where e.kind == .notFound:
        report.skipped.append((String(id.prefix(12)), "already gone: \(e.message)"))
      case .failure(let e): report.failed.append((String(id.prefix(12)), e.description))
      }
    }
    for c in targets where !started.contains(c.id) {
      report.skipped.append((c.shortID, "not started: interrupted"))
    }
    return try session.finishBulk(report)
  }
}
