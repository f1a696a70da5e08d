/// Totals the engine computes itself for one kind of object in `/system/df` (API 1.52+:
/// `ImageUsage`, `ContainerUsage`, `VolumeUsage`, `BuildCacheUsage`).
public struct DiskUsageTotals: Sendable, Equatable, Decodable {
  /// Objects in use.
  public var activeCount: Int64
  /// All objects.
  public var totalCount: Int64
  /// Bytes that removing the unused objects would free.
  public var reclaimable: Int64
  /// Bytes used by all objects.
  public var totalSize: Int64

  /// Totals from their parts.
  public init(activeCount: Int64, totalCount: Int64, reclaimable: Int64, totalSize: Int64) {
    self.activeCount = activeCount
    self.totalCount = totalCount
    self.reclaimable = reclaimable
    self.totalSize = totalSize
  }

  enum CodingKeys: String, CodingKey {
    case activeCount = "ActiveCount"
    case totalCount = "TotalCount"
    case reclaimable = "Reclaimable"
    case totalSize = "TotalSize"
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    activeCount = try container.decodeIfPresent(Int64.self, forKey: .activeCount) ?? 0
    totalCount = try container.decodeIfPresent(Int64.self, forKey: .totalCount) ?? 0
    reclaimable = try container.decodeIfPresent(Int64.self, forKey: .reclaimable) ?? 0
    totalSize = try container.decodeIfPresent(Int64.self, forKey: .totalSize) ?? 0
  }
}
