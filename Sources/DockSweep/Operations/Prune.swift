import DockerEngine
import DockerFormats
import FoundationEssentials
import LuaBridge

/// `docker.prune_images` and `docker.prune_containers`: the engine's prune
/// when nothing needs protecting and it is no dry run (the engine's answer
/// is then exactly `docker image prune`'s); otherwise the same selection made
/// here and removed by ID (forced for an image with several references, which
/// the engine's prune removes too), so protection and the plan hold.
struct Prune {
  let session: Session
  let module: DockerModule

  func images(all: Bool, until: String?, labels: [String]) throws -> Report {
    var filters = Filters()
    // The engine prunes only dangling images unless told `dangling=false`, as `docker image prune -a` does.
    filters.add("dangling", all ? "false" : "true")
    if let until { filters.add("until", try engineTime(until)) }
    for l in labels { filters.add("label", l) }
    try confirm(
      all
        ? "WARNING! This will remove all images without at least one container associated to them."
        : "WARNING! This will remove all dangling images.")
    // Podman's prune adds `dangling=true` of its own and refuses `dangling=false` beside it (4.3): an
    // `all` prune is made on this side there.
    if session.options.dryRun || !session.safety.patterns.isEmpty || session.options.confirmedTargets != nil
      || (all && module.isPodman())
    {
      var listFilters = Filters()
      if !all { listFilters.add("dangling", "true") }
      for l in labels { listFilters.add("label", l) }
      let list = try module.images(all: false, filters: listFilters)
      let cutoff = try until.map { try TimeValue.parse($0, now: Date()).timeIntervalSince1970 }
      let chosen = try list.items.filter { item in
        try list.usage.count(for: item.summary) == 0 && (cutoff.map { TimeInterval(item.summary.created) < $0 } ?? true)
      }
      var removal = ImageRemoval(session: session, force: false, prune: true)
      removal.pruning = true
      return try removal.run(chosen, confirmed: true)
    }
    let f = filters
    let result = try module.engine { try await $0.pruneImages(filters: f) }
    var report = Report(.prune(.image), reclaimed: .measured(result.spaceReclaimed))
    report.record(result.deleted)
    return report
  }

  func containers(until: String?, labels: [String]) throws -> Report {
    var filters = Filters()
    if let until { filters.add("until", try engineTime(until)) }
    for l in labels { filters.add("label", l) }
    try confirm("WARNING! This will remove all stopped containers.")
    if session.options.dryRun || !session.safety.patterns.isEmpty || session.options.confirmedTargets != nil {
      var listFilters = Filters()
      listFilters.add("status", "exited")
      listFilters.add("status", "created")
      listFilters.add("status", "dead")
      for l in labels { listFilters.add("label", l) }
      let f = listFilters
      let items = try module.engine { try await $0.containers(all: true, filters: f) }
      let cutoff = try until.map { try TimeValue.parse($0, now: Date()).timeIntervalSince1970 }
      let chosen = items.filter { c in cutoff.map { TimeInterval(c.created) < $0 } ?? true }
      var removal = ContainerOperation(session: session, action: .remove(force: false, volumes: false))
      removal.pruning = true
      return try removal.run(chosen, confirmed: true)
    }
    let f = filters
    let result = try module.engine { try await $0.pruneContainers(filters: f) }
    var report = Report(.prune(.container), reclaimed: .measured(result.spaceReclaimed))
    report.removed = result.deleted
    return report
  }

  /// The CLI's prune question; without a terminal, `--yes` is needed.
  private func confirm(_ warning: String) throws {
    let o = session.options
    if o.dryRun || o.assumeYes { return }
    guard o.interactive else {
      throw LuaRuntimeError(
        "refusing to prune without confirmation: no terminal to ask; run with --yes to confirm, or --dry-run to see the plan"
      )
    }
    session.io.writeError(warning + "\n")
    let answer = session.io.ask("Are you sure you want to continue? [y/N] ")
    guard let answer, answer.trimmingWhitespace().lowercased() == "y" else {
      throw LuaRuntimeError("cancelled: nothing was removed")
    }
  }

  private func engineTime(_ text: String) throws -> String {
    do {
      return try TimeValue.engineFilterValue(text, now: Date())
    } catch {
      throw LuaArgumentError(
        position: 1,
        reason:
          "option 'until' must be a time, got \"\(text)\"; use a duration (168h, 7d, 2w), a date (2020-07-07T00:00:00), RFC3339 or unix seconds"
      )
    }
  }
}
