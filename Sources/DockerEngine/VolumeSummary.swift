/// One volume of `/system/df` (or `GET /volumes`).
public struct VolumeSummary: Sendable, Equatable, Decodable {
  /// The volume's name.
  public var name: String
  /// Its driver, usually `local`.
  public var driver: String
  /// Where it is on the engine's host.
  public var mountpoint: String
  /// Creation time as the engine wrote it, if sent.
  public var createdAt: String?
  /// Its labels.
  public var labels: [String: String]
  /// Bytes used (`UsageData.Size`), -1 when not computed.
  public var size: Int64
  /// Containers referring to it (`UsageData.RefCount`), -1 when not computed.
  public var refCount: Int

  /// A volume from its parts.
  public init(
    name: String, driver: String = "local", mountpoint: String = "", createdAt: String? = nil,
    labels: [String: String] = [:], size: Int64 = -1, refCount: Int = -1
  ) {
    self.name = name
    self.driver = driver
    self.mountpoint = mountpoint
    self.createdAt = createdAt
    self.labels = labels
    self.size = size
    self.refCount = refCount
  }

  enum CodingKeys: String, CodingKey {
    case name = "Name"
    case driver = "Driver"
    case mountpoint = "Mountpoint"
    case createdAt = "CreatedAt"
    case labels = "Labels"
    case usageData = "UsageData"
  }

  private struct UsageData: Decodable {
    var Size: Int64?
    var RefCount: Int?
  }

  /// Whether the engine made the volume for a container that named none: it has the engine's
  /// `com.docker.volume.anonymous` label (engines from 23.0) or, before that, a 64-hex-digit name.
  public var isAnonymous: Bool {
    if labels["com.docker.volume.anonymous"] != nil { return true }
    return name.utf8.count == 64 && name.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    name = try container.decodeIfPresent(String.self, forKey: .name) ?? ""
    driver = try container.decodeIfPresent(String.self, forKey: .driver) ?? ""
    mountpoint = try container.decodeIfPresent(String.self, forKey: .mountpoint) ?? ""
    createdAt = try container.decodeIfPresent(String.self, forKey: .createdAt)
    labels = try container.decodeIfPresent([String: String].self, forKey: .labels) ?? [:]
    let usage = try container.decodeIfPresent(UsageData.self, forKey: .usageData)
    size = usage?.Size ?? -1
    refCount = usage?.RefCount ?? -1
  }
}
