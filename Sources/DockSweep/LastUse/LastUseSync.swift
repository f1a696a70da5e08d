import DockerEngine
import DockerFormats
import FoundationEssentials
import Glibc

/// Brings one engine's saved ``LastUseTable`` up to date and returns it: replays the events the engine
/// still holds since the newest one applied, then re-scans images and containers (every image a
/// container uses, in any state but `removing`, counts as used now). Events alone lose information (the
/// engine keeps its last 256 and drops slow listeners); the re-scan makes up for what they missed.
public struct LastUseSync: Sendable {
  /// Where the state files are.
  public let directory: String

  /// Syncs against state files in `directory`.
  public init(directory: String) {
    self.directory = directory
  }

  /// The outcome of a sync.
  public struct Result: Sendable {
    /// The table as saved.
    public var table: LastUseTable
    /// The engine's images at the time of the sync.
    public var images: [ImageSummary]
    /// IDs of the images containers use.
    public var inUse: Set<String>
    /// The engine's ID (from `/info`), which names the state file.
    public var engineID: String
    /// What went wrong without stopping the sync: a damaged state file, a state file that cannot be saved.
    public var warnings: [String]
  }

  /// Syncs with the engine `client` talks to; `events` are ones already received (a follower's), applied
  /// before the re-scan.
  public func sync(client: DockerClient, events: [EngineEvent] = [], now: Date = Date()) async throws -> Result {
    let engineID = try await Self.engineID(client)
    let store = LastUseStore(directory: directory, engineID: engineID)
    async let listedContainers = client.containers(all: true)
    async let listedImages = client.images()
    let images = try await listedImages
    let containers = try await listedContainers
    let inUse = Set(containers.filter { $0.state != "removing" }.map(\.imageID))
    var events = events
    let saved = store.read()
    if events.isEmpty {
      events = try await replay(client, since: saved.table.lastEventNano, until: now)
    }
    let resolve = Self.resolver(images)
    let seconds = Int64(now.timeIntervalSince1970)
    let change = { (table: inout LastUseTable, fresh: Bool) in
      for event in events { table.apply(event, resolve: resolve) }
      table.rescan(images: images, inUse: inUse, now: seconds, firstRun: fresh)
    }
    var warnings: [String] = []
    var table: LastUseTable
    do {
      let loaded = try store.update(change)
      if let warning = loaded.warning { warnings.append(warning) }
      table = loaded.table
    } catch {
      if let warning = saved.warning { warnings.append(warning) }
      warnings.append("cannot save the last-use state: \(error)")
      table = saved.table
      change(&table, saved.fresh)
    }
    return Result(table: table, images: images, inUse: inUse, engineID: engineID, warnings: warnings)
  }

  /// The engine's ID, or its name when it has none (some Docker-compatible engines).
  static func engineID(_ client: DockerClient) async throws -> String {
    let info = try await client.info()
    return info.id.isEmpty ? "name-" + info.name : info.id
  }

  /// The container and image events the engine still holds after `nano` (all it holds when 0), up to `until`.
  private func replay(_ client: DockerClient, since nano: Int64, until: Date) async throws -> [EngineEvent] {
    // An event newer than this process's clock reading (a follower recorded it meanwhile): nothing to replay,
    // and the engine refuses a `since` after `until`.
    guard Double(nano) / 1e9 < until.timeIntervalSince1970 else { return [] }
    var filters = Filters()
    filters.add("type", "container")
    filters.add("type", "image")
    let since = nano == 0 ? "0" : "\(nano / 1_000_000_000).\(CFormat.string("%09lld", nano % 1_000_000_000))"
    let end = CFormat.string("%.9f", until.timeIntervalSince1970)
    var events: [EngineEvent] = []
    for try await event in client.events(filters: filters, since: since, until: end) { events.append(event) }
    return events
  }

  /// Turns the reference or ID an event names into the ID of one of `images`.
  static func resolver(_ images: [ImageSummary]) -> (String) -> String? {
    var byName: [String: String] = [:]
    for image in images {
      byName[image.id] = image.id
      for tag in image.repoTags { byName[tag] = image.id }
      for digest in image.repoDigests { byName[digest] = image.id }
    }
    return { name in
      if let id = byName[name] ?? byName["sha256:" + name] { return id }
      if !name.contains("@"), ImageItem.split(name).tag == "latest", let id = byName[name + ":latest"] { return id }
      return nil
    }
  }
}
