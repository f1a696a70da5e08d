/// The answer of `POST /containers/prune`.
public struct ContainerPruneReport: Sendable, Equatable, Decodable {
  /// IDs of the removed containers.
  public var containersDeleted: [String]
  /// Bytes freed.
  public var spaceReclaimed: Int64

  /// A report from its parts.
  public init(containersDeleted: [String], spaceReclaimed: Int64) {
    self.containersDeleted = containersDeleted
    self.spaceReclaimed = spaceReclaimed
  }

  enum CodingKeys: String, CodingKey {
    case containersDeleted = "ContainersDeleted"
    case spaceReclaimed = "SpaceReclaimed"
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    containersDeleted = try container.decodeIfPresent([String].self, forKey: .containersDeleted) ?? []
    spaceReclaimed = try container.decodeIfPresent(Int64.self, forKey: .spaceReclaimed) ?? 0
  }
}
