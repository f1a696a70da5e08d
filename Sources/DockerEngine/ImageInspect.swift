/// The answer of `GET /images/{name}/json`: a few typed fields and the whole document in `raw`.
public struct ImageInspect: Sendable, Equatable, Decodable {
  /// The image ID, `sha256:...`.
  public var id: String
  /// The `repository:tag` references (empty when untagged).
  public var repoTags: [String]
  /// The `repository@digest` references.
  public var repoDigests: [String]
  /// The parent image ID, empty for none.
  public var parent: String
  /// Creation time as the engine wrote it (RFC 3339 with nanoseconds).
  public var created: String
  /// Size in bytes.
  public var size: Int64
  /// `linux`, `windows`, ...
  public var os: String
  /// `amd64`, `arm64`, ...
  public var architecture: String
  /// The labels of the image's config.
  public var labels: [String: String]
  /// The whole inspect document.
  public var raw: JSONValue

  /// Reads the typed fields out of an inspect document.
  public init(raw: JSONValue) {
    self.raw = raw
    id = raw["Id"]?.stringValue ?? ""
    repoTags = (raw["RepoTags"]?.stringArray ?? []).filter { $0 != "<none>:<none>" }
    repoDigests = (raw["RepoDigests"]?.stringArray ?? []).filter { $0 != "<none>@<none>" }
    parent = raw["Parent"]?.stringValue ?? ""
    created = raw["Created"]?.stringValue ?? ""
    size = raw["Size"]?.int64Value ?? 0
    os = raw["Os"]?.stringValue ?? ""
    architecture = raw["Architecture"]?.stringValue ?? ""
    labels = raw["Config"]?["Labels"]?.stringDictionary ?? [:]
  }

  public init(from decoder: any Decoder) throws {
    self.init(raw: try JSONValue(from: decoder))
  }
}
