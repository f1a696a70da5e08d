/// The answer of a prune endpoint (`POST /containers/prune`, `/images/prune`, `/build/prune`): what it
/// deleted, under the key `Object.deletedKey`, and the bytes freed. A missing or null list is empty.
public struct PruneReport<Object: PrunedObject>: Sendable, Equatable, Decodable {
  /// What was deleted, in the engine's order.
  public var deleted: [Object.Item]
  /// Bytes freed.
  public var spaceReclaimed: Int64

  /// A report from its parts.
  public init(deleted: [Object.Item], spaceReclaimed: Int64) {
    self.deleted = deleted
    self.spaceReclaimed = spaceReclaimed
  }

  private struct Key: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: Key.self)
    deleted = try container.decodeIfPresent([Object.Item].self, forKey: Key(stringValue: Object.deletedKey)) ?? []
    spaceReclaimed = try container.decodeIfPresent(Int64.self, forKey: Key(stringValue: "SpaceReclaimed")) ?? 0
  }
}

/// What a prune endpoint deletes: the type of one entry of its answer and the key of their list.
public protocol PrunedObject: Sendable {
  associatedtype Item: Decodable & Sendable & Equatable
  static var deletedKey: String { get }
}

/// `POST /containers/prune`: the IDs of the removed containers.
public enum PrunedContainers: PrunedObject {
  public static let deletedKey = "ContainersDeleted"
  public typealias Item = String
}

/// `POST /images/prune`: what was untagged and deleted.
public enum PrunedImages: PrunedObject {
  public static let deletedKey = "ImagesDeleted"
  public typealias Item = ImageDeleteItem
}

/// `POST /build/prune`: the IDs of the deleted build-cache records.
public enum PrunedBuildCache: PrunedObject {
  public static let deletedKey = "CachesDeleted"
  public typealias Item = String
}

/// The answer of `POST /containers/prune`.
public typealias ContainerPruneReport = PruneReport<PrunedContainers>
/// The answer of `POST /images/prune`.
public typealias ImagePruneReport = PruneReport<PrunedImages>
/// The answer of `POST /build/prune`.
public typealias BuildCachePruneReport = PruneReport<PrunedBuildCache>
