/// One container of `GET /containers/json` (and of `/system/df`), as `docker ps` lists it.
public struct ContainerSummary: Sendable, Equatable, Decodable {
  /// A published or exposed port.
  public struct Port: Sendable, Equatable, Hashable, Decodable {
    /// The host address the port is published on, if published.
    public var ip: String?
    /// The port inside the container.
    public var privatePort: Int
    /// The host port, if published.
    public var publicPort: Int?
    /// `tcp`, `udp` or `sctp`.
    public var type: String

    /// A port from its parts.
    public init(ip: String? = nil, privatePort: Int, publicPort: Int? = nil, type: String = "tcp") {
      self.ip = ip
      self.privatePort = privatePort
      self.publicPort = publicPort
      self.type = type
    }

    enum CodingKeys: String, CodingKey {
      case ip = "IP"
      case privatePort = "PrivatePort"
      case publicPort = "PublicPort"
      case type = "Type"
    }
  }

  /// The full container ID (64 hex digits).
  public var id: String
  /// The names, each with a leading `/`.
  public var names: [String]
  /// The image as given when the container was created (a reference or an ID).
  public var image: String
  /// The image ID, `sha256:...`.
  public var imageID: String
  /// The command line it runs.
  public var command: String
  /// Creation time in unix seconds.
  public var created: Int64
  /// `created`, `running`, `paused`, `restarting`, `removing`, `exited` or `dead`.
  public var state: String
  /// Human-readable status such as `Up 3 minutes` or `Exited (0) 2 hours ago`.
  public var status: String
  /// The container's labels.
  public var labels: [String: String]
  /// Bytes written in the container's own layer, when sizes were asked for.
  public var sizeRw: Int64?
  /// Total bytes of the container's file system, when sizes were asked for.
  public var sizeRootFs: Int64?
  /// Its ports.
  public var ports: [Port]
  /// The network mode (`HostConfig.NetworkMode`), e.g. `none`, `bridge`, `default`.
  public var networkMode: String?

  /// A container summary from its parts.
  public init(
    id: String, names: [String] = [], image: String = "", imageID: String = "", command: String = "",
    created: Int64 = 0, state: String = "", status: String = "", labels: [String: String] = [:],
    sizeRw: Int64? = nil, sizeRootFs: Int64? = nil, ports: [Port] = [], networkMode: String? = nil
  ) {
    self.id = id
    self.names = names
    self.image = image
    self.imageID = imageID
    self.command = command
    self.created = created
    self.state = state
    self.status = status
    self.labels = labels
    self.sizeRw = sizeRw
    self.sizeRootFs = sizeRootFs
    self.ports = ports
    self.networkMode = networkMode
  }

  /// The first name without its leading `/` (what `docker ps` shows), or the short ID when unnamed.
  public var name: String {
    guard let first = names.first else { return String(id.prefix(12)) }
    return first.hasPrefix("/") ? String(first.dropFirst()) : first
  }

  /// True for `running`, `paused` and `restarting` containers, which `docker system df` counts as active.
  public var isActive: Bool {
    state == "running" || state == "paused" || state == "restarting"
  }

  enum CodingKeys: String, CodingKey {
    case id = "Id"
    case names = "Names"
    case image = "Image"
    case imageID = "ImageID"
    case command = "Command"
    case created = "Created"
    case state = "State"
    case status = "Status"
    case labels = "Labels"
    case sizeRw = "SizeRw"
    case sizeRootFs = "SizeRootFs"
    case ports = "Ports"
    case hostConfig = "HostConfig"
  }

  private struct HostConfig: Decodable {
    var NetworkMode: String?
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    id = try container.decode(String.self, forKey: .id)
    names = try container.decodeIfPresent([String].self, forKey: .names) ?? []
    image = try container.decodeIfPresent(String.self, forKey: .image) ?? ""
    imageID = try container.decodeIfPresent(String.self, forKey: .imageID) ?? ""
    command = try container.decodeIfPresent(String.self, forKey: .command) ?? ""
    created = try container.decodeIfPresent(Int64.self, forKey: .created) ?? 0
    state = try container.decodeIfPresent(String.self, forKey: .state) ?? ""
    status = try container.decodeIfPresent(String.self, forKey: .status) ?? ""
    labels = try container.decodeIfPresent([String: String].self, forKey: .labels) ?? [:]
    sizeRw = try container.decodeIfPresent(Int64.self, forKey: .sizeRw)
    sizeRootFs = try container.decodeIfPresent(Int64.self, forKey: .sizeRootFs)
    ports = try container.decodeIfPresent([Port].self, forKey: .ports) ?? []
    networkMode = try container.decodeIfPresent(HostConfig.self, forKey: .hostConfig)?.NetworkMode
  }
}
