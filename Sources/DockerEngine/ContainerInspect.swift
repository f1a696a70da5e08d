/// The answer of `GET /containers/{id}/json`: a few typed fields and the whole document in `raw`.
public struct ContainerInspect: Sendable, Equatable, Decodable {
  /// The full container ID.
  public var id: String
  /// The name with its leading `/`.
  public var name: String
  /// The image ID, `sha256:...`.
  public var imageID: String
  /// The image as given at creation (`Config.Image`).
  public var image: String
  /// Creation time as the engine wrote it (RFC 3339 with nanoseconds).
  public var created: String
  /// `State.Status`: `created`, `running`, `exited`, ...
  public var status: String
  /// `State.Running`.
  public var running: Bool
  /// `State.ExitCode`.
  public var exitCode: Int
  /// `Config.Labels`.
  public var labels: [String: String]
  /// `HostConfig.NetworkMode`.
  public var networkMode: String
  /// The whole inspect document.
  public var raw: JSONValue

  /// Reads the typed fields out of an inspect document.
  public init(raw: JSONValue) {
    self.raw = raw
    id = raw["Id"]?.stringValue ?? ""
    name = raw["Name"]?.stringValue ?? ""
    imageID = raw["Image"]?.stringValue ?? ""
    image = raw["Config"]?["Image"]?.stringValue ?? ""
    created = raw["Created"]?.stringValue ?? ""
    status = raw["State"]?["Status"]?.stringValue ?? ""
    running = raw["State"]?["Running"]?.boolValue ?? false
    exitCode = Int(raw["State"]?["ExitCode"]?.int64Value ?? 0)
    labels = raw["Config"]?["Labels"]?.stringDictionary ?? [:]
    networkMode = raw["HostConfig"]?["NetworkMode"]?.stringValue ?? ""
  }

  public init(from decoder: any Decoder) throws {
    self.init(raw: try JSONValue(from: decoder))
  }
}
