/// One image of `GET /images/json` (and of `/system/df`), as `docker image ls` lists it.
///
/// Decoding evens out engine versions: an untagged image has `repoTags == []` whether the engine sent
/// `["<none>:<none>"]` (API < 1.43), `[]` or null; `virtualSize` is nil from API 1.44 on;
/// `sharedSize` and `containers` are -1 where the engine did not compute them.
public struct ImageSummary: Sendable, Equatable, Decodable {
  /// The image ID, `sha256:<64 hex>`.
  public var id: String
  /// The parent image ID, empty for none.
  public var parentID: String
  /// The `repository:tag` references; empty for an untagged (dangling) image.
  public var repoTags: [String]
  /// The `repository@digest` references; empty when none.
  public var repoDigests: [String]
  /// Creation (build) time in unix seconds.
  public var created: Int64
  /// Size in bytes including the layers shared with other images.
  public var size: Int64
  /// Bytes shared with other images, -1 when not computed.
  public var sharedSize: Int64
  /// The same as `size` on engines that still send it (API < 1.44).
  public var virtualSize: Int64?
  /// The image's labels.
  public var labels: [String: String]
  /// How many containers use the image, -1 when not computed.
  public var containers: Int

  /// An image summary from its parts.
  public init(
    id: String, parentID: String = "", repoTags: [String] = [], repoDigests: [String] = [], created: Int64,
    size: Int64, sharedSize: Int64 = -1, virtualSize: Int64? = nil, labels: [String: String] = [:],
    containers: Int = -1
  ) {
    self.id = id
    self.parentID = parentID
    self.repoTags = repoTags
    self.repoDigests = repoDigests
    self.created = created
    self.size = size
    self.sharedSize = sharedSize
    self.virtualSize = virtualSize
    self.labels = labels
    self.containers = containers
  }

  /// True when the image has no tag.
  public var isDangling: Bool { repoTags.isEmpty }

  enum CodingKeys: String, CodingKey {
    case id = "Id"
    case parentID = "ParentId"
    case repoTags = "RepoTags"
    case repoDigests = "RepoDigests"
    case created = "Created"
    case size = "Size"
    case sharedSize = "SharedSize"
    case virtualSize = "VirtualSize"
    case labels = "Labels"
    case containers = "Containers"
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    id = try container.decode(String.self, forKey: .id)
    parentID = try container.decodeIfPresent(String.self, forKey: .parentID) ?? ""
    repoTags = (try container.decodeIfPresent([String].self, forKey: .repoTags) ?? []).filter {
      $0 != "<none>:<none>"
    }
    repoDigests = (try container.decodeIfPresent([String].self, forKey: .repoDigests) ?? []).filter {
      $0 != "<none>@<none>"
    }
    created = try container.decodeIfPresent(Int64.self, forKey: .created) ?? 0
    size = try container.decodeIfPresent(Int64.self, forKey: .size) ?? 0
    sharedSize = try container.decodeIfPresent(Int64.self, forKey: .sharedSize) ?? -1
    virtualSize = try container.decodeIfPresent(Int64.self, forKey: .virtualSize)
    labels = try container.decodeIfPresent([String: String].self, forKey: .labels) ?? [:]
    containers = try container.decodeIfPresent(Int.self, forKey: .containers) ?? -1
  }
}
