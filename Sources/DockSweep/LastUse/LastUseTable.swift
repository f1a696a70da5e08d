import DockerEngine

/// What docksweep remembers about one image's use on one engine.
public struct LastUseRecord: Sendable, Equatable, Codable {
  /// When the image was last used, in unix seconds.
  public var lastUsed: Int64
  /// How many uses the engine's events showed (container create and start, pulls, loads, tags).
  public var uses: Int

  enum CodingKeys: String, CodingKey {
    case lastUsed = "last_used"
    case uses
  }
}

/// The last use of every image of one engine, and how far the engine's events were read.
///
/// Changes are monotonic (a last-use time only moves forward, a use count only grows), so two processes
/// that each apply their own observations to the newest saved table, one after the other, lose nothing.
public struct LastUseTable: Sendable, Equatable, Codable {
  /// Image ID → record.
  public var images: [String: LastUseRecord] = [:]
  /// The `timeNano` of the newest event applied; older events are already counted.
  public var lastEventNano: Int64 = 0

  /// An empty table.
  public init() {}

  enum CodingKeys: String, CodingKey {
    case images
    case lastEventNano = "last_event_nano"
  }

  /// Records a use of `id` at `time` (unix seconds); `counted` adds one to its uses.
  public mutating func markUsed(_ id: String, at time: Int64, counted: Bool = true) {
    var record = images[id] ?? LastUseRecord(lastUsed: time, uses: 0)
    record.lastUsed = max(record.lastUsed, time)
    if counted { record.uses += 1 }
    images[id] = record
  }

  /// Applies one engine event, unless an event at least as new was applied already. Container events
  /// carrying an `image` attribute and image `pull`, `load`, `import`, `tag` and `push` events count as uses;
  /// `resolve` turns the reference or ID an event names into an image ID (nil: not an image known now).
  public mutating func apply(_ event: EngineEvent, resolve: (String) -> String?) {
    guard event.timeNano > lastEventNano else { return }
    lastEventNano = event.timeNano
    let name: String?
    switch event.type {
    case "container": name = event.attributes["image"]
    case "image" where Self.imageUses.contains(event.action): name = event.actorID
    default: name = nil
    }
    guard let name, let id = resolve(name) else { return }
    markUsed(id, at: event.time)
  }

  /// Image actions that mean the image was just wanted.
  static let imageUses: Set<String> = ["pull", "load", "import", "tag", "push"]

  /// Brings the table in line with the engine's images now: images that are gone are forgotten; an image
  /// never seen gets its creation time on the first run (`firstRun`), else `now`; images `inUse` by a
  /// container were used `now`; and a parent is at least as recent as its newest child.
  public mutating func rescan(images summaries: [ImageSummary], inUse: Set<String>, now: Int64, firstRun: Bool) {
    var kept: [String: LastUseRecord] = [:]
    for image in summaries {
      var record = images[image.id] ?? LastUseRecord(lastUsed: firstRun ? min(image.created, now) : now, uses: 0)
      if inUse.contains(image.id) { record.lastUsed = max(record.lastUsed, now) }
      kept[image.id] = record
    }
    images = kept
    Self.propagateToParents(&images, summaries)
  }

  /// Raises each parent's last use to its newest descendant's, walking up the chains.
  private static func propagateToParents(_ images: inout [String: LastUseRecord], _ summaries: [ImageSummary]) {
    let parent = Dictionary(summaries.map { ($0.id, $0.parentID) }, uniquingKeysWith: { a, _ in a })
    for image in summaries {
      guard var time = images[image.id]?.lastUsed else { continue }
      var current = parent[image.id] ?? ""
      var steps = 0
      while !current.isEmpty, var record = images[current], steps < summaries.count {
        if record.lastUsed >= time {
          time = record.lastUsed
        } else {
          record.lastUsed = time
          images[current] = record
        }
        current = parent[current] ?? ""
        steps += 1
      }
    }
  }
}
