import DockerEngine
import Foundation
import Testing

@testable import DockSweep

/// The last-use table, its state file, and the eviction plan a budget makes from them, without an engine.
@Suite struct LastUseTests {
  static func image(_ id: String, parent: String = "", created: Int64 = 100, size: Int64 = 10, tags: [String] = [])
    -> ImageSummary
  {
    ImageSummary(id: id, parentID: parent, repoTags: tags, created: created, size: size, sharedSize: 0, containers: 0)
  }

  @Test func firstRunUsesCreationThenNow() {
    var table = LastUseTable()
    let images = [Self.image("a", created: 100), Self.image("b", created: 200)]
    table.rescan(images: images, inUse: [], now: 1000, firstRun: true)
    #expect(table.images["a"]?.lastUsed == 100 && table.images["b"]?.lastUsed == 200)
    table.rescan(images: images + [Self.image("c", created: 300)], inUse: ["a"], now: 2000, firstRun: false)
    #expect(table.images["a"]?.lastUsed == 2000, "in use: used now")
    #expect(table.images["b"]?.lastUsed == 200, "known: kept")
    #expect(table.images["c"]?.lastUsed == 2000, "new after the first run: now")
    table.rescan(images: [Self.image("a")], inUse: [], now: 3000, firstRun: false)
    #expect(Set(table.images.keys) == ["a"], "gone images are forgotten")
  }

  @Test func parentIsAsRecentAsItsNewestChild() {
    var table = LastUseTable()
    let images = [
      Self.image("base", created: 10), Self.image("mid", parent: "base", created: 20),
      Self.image("leaf", parent: "mid", created: 30), Self.image("other", parent: "base", created: 5),
    ]
    table.rescan(images: images, inUse: ["leaf"], now: 500, firstRun: true)
    #expect(table.images["mid"]?.lastUsed == 500 && table.images["base"]?.lastUsed == 500)
    #expect(table.images["other"]?.lastUsed == 5)
  }

  @Test func eventsCountOnceAndResolveReferences() {
    var table = LastUseTable()
    let resolve = LastUseSync.resolver([Self.image("sha256:aa", tags: ["app:1", "busybox:latest"])])
    let start = EngineEvent(
      type: "container", action: "start", actorID: "c1", attributes: ["image": "app:1"], time: 50)
    table.apply(start, resolve: resolve)
    table.apply(start, resolve: resolve)
    #expect(table.images["sha256:aa"] == LastUseRecord(lastUsed: 50, uses: 1), "a replayed event counts once")
    table.apply(EngineEvent(type: "image", action: "pull", actorID: "busybox", time: 60), resolve: resolve)
    table.apply(EngineEvent(type: "image", action: "delete", actorID: "sha256:aa", time: 70), resolve: resolve)
    table.apply(EngineEvent(type: "network", action: "connect", actorID: "n", time: 80), resolve: resolve)
    #expect(table.images["sha256:aa"] == LastUseRecord(lastUsed: 60, uses: 2))
    #expect(table.lastEventNano == 80_000_000_000)
  }

  private func temporaryDirectory() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("lastuse-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  @Test func storeRoundTripsAndRebuildsADamagedFile() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let store = LastUseStore(directory: directory + "/state", engineID: "ABCD:EFGH")
    #expect(store.path.hasSuffix("/state/last-use-ABCD_EFGH.json"))
    #expect(store.read().fresh)
    try store.update { table, fresh in
      #expect(fresh)
      table.markUsed("sha256:aa", at: 10)
    }
    #expect(!store.read().fresh && store.read().table.images["sha256:aa"]?.uses == 1)
    let mode = try FileManager.default.attributesOfItem(atPath: directory + "/state")[.posixPermissions] as? Int
    #expect(mode == 0o700)

    try Data("{\"version\": 1, \"table\": {\"images\": [".utf8).write(to: URL(fileURLWithPath: store.path))
    let damaged = store.read()
    #expect(damaged.fresh && damaged.table.images.isEmpty)
    #expect(damaged.warning?.contains("is damaged") == true, "\(damaged.warning ?? "")")
    let rebuilt = try store.update { table, _ in table.markUsed("sha256:bb", at: 20) }
    #expect(rebuilt.warning != nil)
    #expect(store.read().table.images.keys.sorted() == ["sha256:bb"] && store.read().warning == nil)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory + "/state").filter {
      $0.contains(".tmp-")
    }
    #expect(leftovers.isEmpty)
  }

  /// Writers on threads of their own that each lock the file through a descriptor of their own (as two
  /// processes do) lose nothing.
  @Test func concurrentWritersLoseNothing() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let store = LastUseStore(directory: directory, engineID: "engine")
    let writers = 6
    let rounds = 60
    let done = DispatchGroup()
    let failures = Counter()
    for w in 0..<writers {
      done.enter()
      Thread {
        for r in 0..<rounds {
          do {
            try store.update { table, _ in
              table.markUsed("sha256:w\(w)-\(r)", at: Int64(r))
              table.markUsed("sha256:shared", at: Int64(r))
            }
          } catch {
            _ = failures.increment()
          }
        }
        done.leave()
      }.start()
    }
    done.wait()
    let table = store.read().table
    #expect(failures.increment() == 1, "no update failed")
    #expect(table.images.count == writers * rounds + 1)
    #expect(table.images["sha256:shared"]?.uses == writers * rounds)
  }

  static func candidate(
    _ id: String, parent: String = "", lastUsed: Int64, size: Int64 = 100, containers: Int = 0,
    protection: String? = nil
  ) -> BudgetImage {
    BudgetImage(
      summary: image(id, parent: parent, size: size), lastUsed: lastUsed, uses: 0, containers: containers,
      protection: protection, rank: Double(lastUsed))
  }

  @Test func planEvictsLeastRecentlyUsedChildrenFirstDownToTheLowMark() {
    let images = [
      Self.candidate("new", lastUsed: 900),
      Self.candidate("parent", lastUsed: 100),
      Self.candidate("child", parent: "parent", lastUsed: 100),
      Self.candidate("old", lastUsed: 50),
      Self.candidate("used", lastUsed: 10, containers: 1),
      Self.candidate("kept", lastUsed: 10, protection: "protected"),
      Self.candidate("fresh", lastUsed: 990),
    ]
    let plan = EvictionPlan.make(images, usage: 700, high: 500, low: 450, minAgeCutoff: 950, maxAgeCutoff: nil)
    #expect(plan.evict.map(\.image.summary.id) == ["old", "child", "parent"])
    #expect(plan.estimatedAfter == 400)
    #expect(
      Set(plan.held.map { "\($0.image.summary.id):\($0.hold.rawValue)" }) == [
        "used:used by a container", "kept:protected", "fresh:used within min_age",
      ])
    #expect(plan.heldBytes(.containers) == 100)

    let under = EvictionPlan.make(images, usage: 400, high: 500, low: 450, minAgeCutoff: 950, maxAgeCutoff: 80)
    #expect(under.evict.map(\.image.summary.id) == ["old"], "under the budget only max_age evicts")
    #expect(under.evict.allSatisfy { $0.forMaxAge })
  }

  @Test func limitsParse() {
    #expect(DiskLimit.parse("10GB") == .bytes(10_000_000_000))
    #expect(DiskLimit.parse("80%") == .percent(80))
    #expect(DiskLimit.parse("80 %") == .percent(80))
    #expect(DiskLimit.parse("101%") == nil)
    #expect(DiskLimit.parse("12 parsecs") == nil)
    #expect(DiskLimit.percent(50).bytes(capacity: 1001) == 500)
    #expect(DiskLimit.percent(50).bytes(capacity: nil) == nil)
  }
}
