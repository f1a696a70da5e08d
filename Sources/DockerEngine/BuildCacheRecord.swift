/// One build cache record of `/system/df`.
public struct BuildCacheRecord: Sendable, Equatable, Decodable {
  /// The record's ID.
  public var id: String
  /// `internal`, `frontend`, `source.local`, `exec.cachemount`, `regular`, ...
  public var type: String
  /// The build step that made it.
  public var description: String
  /// Whether a build uses it now.
  public var inUse: Bool
  /// Whether it is shared with other records.
  public var shared: Bool
  /// Bytes used.
  public var size: Int64
  /// Creation time as the engine wrote it.
  public var createdAt: String?
  /// Last use as the engine wrote it.
  public var lastUsedAt: String?
  /// How many times it was used.
  public var usageCount: Int

  /// A record from its parts.
  public init(
    id: String, type: String = "regular", description: String = "", inUse: Bool = false, shared: Bool = false,
    size: Int64 = 0, createdAt: String? = nil, lastUsedAt: String? = nil, usageCount: Int = 0
  ) {
    self.id = id
    self.type = type
    self.description = description
    self.inUse = inUse
    self.shared = shared
    self.size = size
    self.createdAt = createdAt
    self.lastUsedAt = lastUsedAt
    self.usageCount = usageCount
  }

  enum CodingKeys: String, CodingKey {
    case id = "ID"
    case type = "Type"
    case description = "Description"
    case inUse = "InUse"
    case shared = "Shared"
    case size = "Size"
    case createdAt = "CreatedAt"
    case lastUsedAt = "LastUsedAt"
    case usageCount = "UsageCount"
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    id = try container.decodeIfPresent(String.self, forKey: .id) ?? ""
    type = try container.decodeIfPresent(String.self, forKey: .type) ?? ""
    description = try container.decodeIfPresent(String.self, forKey: .description) ?? ""
    inUse = try container.decodeIfPresent(Bool.self, forKey: .inUse) ?? false
    shared = try container.decodeIfPresent(Bool.self, forKey: .shared) ?? false
    size = try container.decodeIfPresent(Int64.self, forKey: .size) ?? 0
    createdAt = try container.decodeIfPresent(String.self, forKey: .createdAt)
    lastUsedAt = try container.decodeIfPresent(String.self, forKey: .lastUsedAt)
    usageCount = try container.decodeIfPresent(Int.self, forKey: .usageCount) ?? 0
  }
}
