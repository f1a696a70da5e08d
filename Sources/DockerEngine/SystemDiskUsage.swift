/// The answer of `GET /system/df`, the data of `docker system df`.
///
/// Engines up to API 1.51 send the object lists (`LayersSize`, `Images`, `Containers`, `Volumes`,
/// `BuildCache`) and leave the totals to the client; API 1.52+ engines send totals (`ImageUsage`, ...)
/// with the lists inside them when asked for verbose output. Both shapes decode: the lists are filled from
/// either place and the `...Usage` totals are set only when the engine sent them.
public struct SystemDiskUsage: Sendable, Equatable, Decodable {
  /// Bytes used by all image layers, when sent.
  public var layersSize: Int64?
  /// All images, with `sharedSize` and `containers` computed.
  public var images: [ImageSummary]
  /// All containers, with `sizeRw` computed.
  public var containers: [ContainerSummary]
  /// All volumes, with sizes and reference counts.
  public var volumes: [VolumeSummary]
  /// All build cache records.
  public var buildCache: [BuildCacheRecord]
  /// The engine's image totals (API 1.52+).
  public var imageUsage: DiskUsageTotals?
  /// The engine's container totals (API 1.52+).
  public var containerUsage: DiskUsageTotals?
  /// The engine's volume totals (API 1.52+).
  public var volumeUsage: DiskUsageTotals?
  /// The engine's build cache totals (API 1.52+).
  public var buildCacheUsage: DiskUsageTotals?

  /// A disk usage report from its parts.
  public init(
    layersSize: Int64? = nil, images: [ImageSummary] = [], containers: [ContainerSummary] = [],
    volumes: [VolumeSummary] = [], buildCache: [BuildCacheRecord] = [], imageUsage: DiskUsageTotals? = nil,
    containerUsage: DiskUsageTotals? = nil, volumeUsage: DiskUsageTotals? = nil,
    buildCacheUsage: DiskUsageTotals? = nil
  ) {
    self.layersSize = layersSize
    self.images = images
    self.containers = containers
    self.volumes = volumes
    self.buildCache = buildCache
    self.imageUsage = imageUsage
    self.containerUsage = containerUsage
    self.volumeUsage = volumeUsage
    self.buildCacheUsage = buildCacheUsage
  }

  enum CodingKeys: String, CodingKey {
    case layersSize = "LayersSize"
    case images = "Images"
    case containers = "Containers"
    case volumes = "Volumes"
    case buildCache = "BuildCache"
    case imageUsage = "ImageUsage"
    case containerUsage = "ContainerUsage"
    case volumeUsage = "VolumeUsage"
    case buildCacheUsage = "BuildCacheUsage"
  }

  /// The `Items` inside a 1.52+ `...Usage` object.
  private struct Items<Item: Decodable>: Decodable {
    var Items: [Item]?
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    func list<Item: Decodable>(_ key: CodingKeys, orItemsOf usageKey: CodingKeys) throws -> [Item] {
      if let items = try container.decodeIfPresent([Item].self, forKey: key) { return items }
      return try container.decodeIfPresent(Items<Item>.self, forKey: usageKey)?.Items ?? []
    }
    layersSize = try container.decodeIfPresent(Int64.self, forKey: .layersSize)
    images = try list(.images, orItemsOf: .imageUsage)
    containers = try list(.containers, orItemsOf: .containerUsage)
    volumes = try list(.volumes, orItemsOf: .volumeUsage)
    buildCache = try list(.buildCache, orItemsOf: .buildCacheUsage)
    imageUsage = try container.decodeIfPresent(DiskUsageTotals.self, forKey: .imageUsage)
    containerUsage = try container.decodeIfPresent(DiskUsageTotals.self, forKey: .containerUsage)
    volumeUsage = try container.decodeIfPresent(DiskUsageTotals.self, forKey: .volumeUsage)
    buildCacheUsage = try container.decodeIfPresent(DiskUsageTotals.self, forKey: .buildCacheUsage)
  }
}
