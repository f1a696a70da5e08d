import DockerEngine

/// Stops or removes the containers of a list through the ``BulkPipeline``, after protection.
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
  /// Set for prunes made on this side: the report reads like `docker container prune`'s.
  var pruning = false

  func run(_ items: [ContainerSummary], confirmed: Bool = false) throws -> Report {
    let kind: Report.Kind
    switch action {
    case .remove: kind = pruning ? .prune(.container) : .remove(.container)
    case .stop: kind = .stop(.container)
    }
    var report = Report(kind, dryRun: session.options.dryRun)
    var targets: [BulkTarget<String>] = []
    for c in items {
      if case .remove = action, let why = try session.safety.protection(of: [c.name, c.image]) {
        report.skip(c.name, why)
        continue
      }
      targets.append(
        BulkTarget(
          id: c.id, names: [c.shortID], question: ["\(c.shortID)  \(c.name)  (\(c.image))"],
          plan: [Report.Planned(target: "\(c.shortID) \(c.name) (\(kind.verb))", size: nil)], size: nil, work: c.id))
    }
    // Stopping several containers takes services down: it asks as removing does.
    let pipeline = BulkPipeline(
      session: session, progress: kind.verb == "stop" ? "Stopping containers" : "Removing containers",
      concurrency: Self.concurrency, what: "\(targets.count) containers")
    let action = self.action
    return try pipeline.run(
      targets, into: report, confirmed: confirmed,
      perform: { client, id in
        await Result.of {
          switch action {
          case .remove(let force, let volumes, let stopFirst):
            if stopFirst { _ = try await client.stopContainer(id, timeout: nil) }
            try await client.removeContainer(id, force: force, volumes: volumes)
          case .stop(let timeout): _ = try await client.stopContainer(id, timeout: timeout)
          }
        }
      },
      record: { report, target, outcome in
        if BulkPipeline.record(outcome, for: String(target.id.prefix(12)), into: &report) != nil {
          report.removed.append(target.id)
        }
      })
  }
}
