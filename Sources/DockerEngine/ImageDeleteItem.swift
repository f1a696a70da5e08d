/// One line of an image removal or prune: a reference that was untagged or an image/layer that was deleted.
public enum ImageDeleteItem: Sendable, Equatable, Hashable, Decodable {
  /// A reference removed from an image (`Untagged: busybox:latest`).
  case untagged(String)
  /// An image or layer deleted (`Deleted: sha256:...`); the image ID comes first.
  case deleted(String)

  enum CodingKeys: String, CodingKey {
    case untagged = "Untagged"
    case deleted = "Deleted"
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    if let reference = try container.decodeIfPresent(String.self, forKey: .untagged), !reference.isEmpty {
      self = .untagged(reference)
    } else if let id = try container.decodeIfPresent(String.self, forKey: .deleted), !id.isEmpty {
      self = .deleted(id)
    } else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "neither Untagged nor Deleted is set"))
    }
  }

  /// The reference or ID.
  public var value: String {
    switch self {
    case .untagged(let value), .deleted(let value): return value
    }
  }

  /// Whether this deletes the image `id`, with or without the `sha256:` prefix on either side (Podman
  /// answers bare IDs).
  public func deletes(_ id: String) -> Bool {
    guard case .deleted(let deleted) = self else { return false }
    func bare(_ s: String) -> Substring { s.hasPrefix("sha256:") ? s.dropFirst(7) : Substring(s) }
    return bare(deleted) == bare(id)
  }

  /// `Untagged: X` or `Deleted: Y`, as `docker image rm` prints it.
  public var cliLine: String {
    switch self {
    case .untagged(let value): return "Untagged: \(value)"
    case .deleted(let value): return "Deleted: \(value)"
    }
  }
}
