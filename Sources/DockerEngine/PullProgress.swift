/// One progress message of `POST /images/create` (a pull), as `docker pull` shows them.
public struct PullProgress: Sendable, Equatable, Decodable {
  /// e.g. `Pulling from library/busybox`, `Downloading`, `Pull complete`, `Status: Downloaded newer image for ...`.
  public var status: String
  /// The layer or tag the message is about, if any.
  public var id: String?
  /// The engine's progress bar text, if any.
  public var progress: String?
  /// Bytes done, for `Downloading`/`Extracting`.
  public var current: Int64?
  /// Bytes in all, for `Downloading`/`Extracting`.
  public var total: Int64?

  /// A progress message from its parts.
  public init(status: String, id: String? = nil, progress: String? = nil, current: Int64? = nil, total: Int64? = nil) {
    self.status = status
    self.id = id
    self.progress = progress
    self.current = current
    self.total = total
  }

  enum CodingKeys: String, CodingKey {
    case status
    case id
    case progress
    case progressDetail
  }

  private struct Detail: Decodable {
    var current: Int64?
    var total: Int64?
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    status = try container.decodeIfPresent(String.self, forKey: .status) ?? ""
    id = try container.decodeIfPresent(String.self, forKey: .id)
    progress = try container.decodeIfPresent(String.self, forKey: .progress)
    let detail = try container.decodeIfPresent(Detail.self, forKey: .progressDetail)
    current = detail?.current
    total = detail?.total
  }
}
