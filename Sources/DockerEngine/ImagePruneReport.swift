/// The answer of `POST /images/prune`.
public struct ImagePruneReport: Sendable, Equatable, Decodable {
  /// What was untagged and deleted, in the engine's order.
  public var imagesDeleted: [ImageDeleteItem]
  /// Bytes freed.
  public var spaceReclaimed: Int64

  /// A report from its parts.
  public init(imagesDeleted: [ImageDeleteItem], spaceReclaimed: Int64) {
    self.imagesDeleted = imagesDeleted
    self.spaceReclaimed = spaceReclaimed
  }

  enum CodingKeys: String, CodingKey {
    case imagesDeleted = "ImagesDeleted"
    case spaceReclaimed = "SpaceReclaimed"
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    imagesDeleted = try container.decodeIfPresent([ImageDeleteItem].self, forKey: .imagesDeleted) ?? []
    spaceReclaimed = try container.decodeIfPresent(Int64.self, forKey: .spaceReclaimed) ?? 0
  }
}
