import DockerEngine
import DockerFormats
import FoundationEssentials
import LuaBridge

/// `docker.budget` and the build cache prune.
enum BudgetFunctions {
  static let bindings: [Binding] = [
    Binding(
      .module("docker"), "budget",
      options: [
        .size("images"), .size("low"), .strings("keep"), .duration("min_age"), .duration("max_age"),
        Binding.Option(key: "rank", kind: .rank, defaultValue: false, required: false),
        .size("build_cache"), .duration("keep_duration"),
        Binding.Option(key: "containers", kind: .containerPolicy, defaultValue: false, required: false),
        Binding.Option(key: "volumes", kind: .volumeChoice, defaultValue: false, required: false),
      ],
      optionsRequired: true, returns: "Report",
      summary:
        "keep Docker under a disk budget: evict least recently used unused images (and prune build cache, stopped containers, unused volumes)",
      example: #"docker.budget{images = "10GB", low = "8GB", keep = {"^myorg/base:"}, min_age = "10m"}"#
    ) { a in
      let policy = try policy(a)
      let report = try BudgetRun(session: a.session, module: a.docker, policy: policy).run()
      return [a.docker.hand(report)]
    },
    Binding(
      .module("docker"), "build_cache", returns: "BuildCacheList",
      summary: "list build cache records, least recently used first, like `docker buildx du --verbose`",
      example: "print(docker.build_cache():unused():total_size())"
    ) { a in
      let records = try a.docker.engine { try await $0.diskUsage() }.buildCache
      let list = BuildCacheList(records.sorted { BuildCachePlan.lastUsed($0) < BuildCachePlan.lastUsed($1) })
      list.module = a.docker
      return [.object(list)]
    },
    Binding(
      .module("docker"), "prune_build_cache", options: [.size("keep_storage"), .duration("until"), .bool("all")],
      returns: "Report", summary: "remove build cache, like `docker builder prune` (down to keep_storage bytes)",
      example: #"docker.prune_build_cache{keep_storage = "5GB", ["until"] = "48h"}"#
    ) { a in
      let o = try a.options()
      let keep = try o.size("keep_storage")
      let until = try o.duration("until")
      let all = try o.bool("all")
      var report = Report(.prune(.buildCache), dryRun: a.session.options.dryRun)
      if report.dryRun {
        var policy = BudgetPolicy()
        policy.keepDuration = until
        let records = try a.docker.engine { try await $0.diskUsage() }.buildCache
        let plan = BuildCachePlan(records: records, keep: keep ?? 0, now: Date(), policy)
        for r in plan.chosen { report.plan("\(r.id) (\(r.description))", size: r.size) }
        report.addSummed(plan.chosen.reduce(0) { $0 + $1.size })
      } else {
        let pruned = try a.docker.engine { try await $0.pruneBuildCache(keepStorage: keep, unusedFor: until, all: all) }
        report.deletedBuildCache = pruned.deleted
        report.reclaimed = .measured(pruned.spaceReclaimed)
      }
      return [a.docker.hand(report)]
    },
  ]

  /// Reads `docker.budget`'s options; every wrong value is an error naming the option.
  static func policy(_ a: Arguments) throws -> BudgetPolicy {
    let o = try a.options()
    var p = BudgetPolicy()
    p.images = try o.limit("images")
    p.low = try o.limit("low")
    if p.low != nil && p.images == nil {
      throw LuaArgumentError(position: o.position, reason: "option 'low' needs 'images' (the budget it is below)")
    }
    if case .bytes(let high)? = p.images, case .bytes(let low)? = p.low, low > high {
      throw LuaArgumentError(position: o.position, reason: "option 'low' must not be above 'images'")
    }
    p.keep = try o.strings("keep").map { try LuaCall.compile($0, position: o.position) }
    p.minAge = try o.duration("min_age") ?? p.minAge
    p.maxAge = try o.duration("max_age")
    p.buildCache = try o.size("build_cache")
    p.keepDuration = try o.duration("keep_duration")
    if p.keepDuration != nil && p.buildCache == nil {
      throw LuaArgumentError(position: o.position, reason: "option 'keep_duration' needs 'build_cache'")
    }
    p.stoppedFor = try o.containerPolicy("containers")
    p.volumes = try o.volumeChoice("volumes")
    if let rank = try o.rankFunction("rank", call: a.call) { p.rank = rank }
    if !p.coversImages && p.buildCache == nil && p.stoppedFor == nil && p.volumes == .none {
      throw LuaArgumentError(
        position: o.position,
        reason: "nothing to do: give images, max_age, build_cache, containers or volumes")
    }
    return p
  }
}
