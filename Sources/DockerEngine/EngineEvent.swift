/// One message of `GET /events`.
public struct EngineEvent: Sendable, Equatable, Decodable {
  /// `container`, `image`, `volume`, `network`, `daemon`, ...
  public var type: String
  /// `create`, `start`, `die`, `tag`, `untag`, `delete`, `prune`, ...
  public var action: String
  /// The object's ID (for images, the reference or ID the action was on).
  public var actorID: String
  /// The object's attributes: `name`, `image`, labels, ...
  public var attributes: [String: String]
  /// `local` or `swarm`.
  public var scope: String?
  /// When it happened, in unix seconds.
  public var time: Int64
  /// When it happened, in unix nanoseconds.
  public var timeNano: Int64

  /// An event from its parts.
  public init(
    type: String, action: String, actorID: String, attributes: [String: String] = [:], scope: String? = "local",
    time: Int64, timeNano: Int64? = nil
  ) {
    self.type = type
    self.action = action
    self.actorID = actorID
    self.attributes = attributes
    self.scope = scope
    self.time = time
    self.timeNano = timeNano ?? time * 1_000_000_000
  }

  enum CodingKeys: String, CodingKey {
    case type = "Type"
    case action = "Action"
    case actor = "Actor"
    case scope
    case time
    case timeNano
    case status
    case id
  }

  private struct Actor: Decodable {
    var ID: String?
    var Attributes: [String: String]?
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let actor = try container.decodeIfPresent(Actor.self, forKey: .actor)
    type = try container.decodeIfPresent(String.self, forKey: .type) ?? ""
    // `status` and `id` are the pre-1.22 names, still sent by engines before API 1.52.
    action =
      try container.decodeIfPresent(String.self, forKey: .action)
      ?? container.decodeIfPresent(String.self, forKey: .status) ?? ""
    actorID = try actor?.ID ?? container.decodeIfPresent(String.self, forKey: .id) ?? ""
    attributes = actor?.Attributes ?? [:]
    scope = try container.decodeIfPresent(String.self, forKey: .scope)
    time = try container.decodeIfPresent(Int64.self, forKey: .time) ?? 0
    timeNano = try container.decodeIfPresent(Int64.self, forKey: .timeNano) ?? time * 1_000_000_000
  }
}
