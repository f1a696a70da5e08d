/// The answer of `GET /version`.
public struct EngineVersion: Sendable, Equatable, Decodable {
  /// The engine's release, e.g. `20.10.24+dfsg1`.
  public var version: String
  /// The newest API version it speaks.
  public var apiVersion: String
  /// The oldest API version it accepts, when sent.
  public var minAPIVersion: String?
  /// The commit it was built from.
  public var gitCommit: String
  /// The Go release it was built with.
  public var goVersion: String
  /// `linux`, `windows`.
  public var os: String
  /// `amd64`, `arm64`, ...
  public var arch: String
  /// The host kernel's version, when sent.
  public var kernelVersion: String?
  /// Whether experimental features are on.
  public var experimental: Bool
  /// Build time as the engine wrote it, when sent.
  public var buildTime: String?
  /// `Platform.Name`, e.g. `Docker Engine - Community`, when sent.
  public var platformName: String?

  /// A version report from its parts.
  public init(
    version: String, apiVersion: String, minAPIVersion: String? = nil, gitCommit: String = "", goVersion: String = "",
    os: String = "linux", arch: String = "", kernelVersion: String? = nil, experimental: Bool = false,
    buildTime: String? = nil, platformName: String? = nil
  ) {
    self.version = version
    self.apiVersion = apiVersion
    self.minAPIVersion = minAPIVersion
    self.gitCommit = gitCommit
    self.goVersion = goVersion
    self.os = os
    self.arch = arch
    self.kernelVersion = kernelVersion
    self.experimental = experimental
    self.buildTime = buildTime
    self.platformName = platformName
  }

  enum CodingKeys: String, CodingKey {
    case version = "Version"
    case apiVersion = "ApiVersion"
    case minAPIVersion = "MinAPIVersion"
    case gitCommit = "GitCommit"
    case goVersion = "GoVersion"
    case os = "Os"
    case arch = "Arch"
    case kernelVersion = "KernelVersion"
    case experimental = "Experimental"
    case buildTime = "BuildTime"
    case platform = "Platform"
    case components = "Components"
  }

  private struct Platform: Decodable {
    var Name: String?
  }

  private struct Component: Decodable {
    var Name: String?
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    version = try container.decodeIfPresent(String.self, forKey: .version) ?? ""
    apiVersion = try container.decodeIfPresent(String.self, forKey: .apiVersion) ?? ""
    minAPIVersion = try container.decodeIfPresent(String.self, forKey: .minAPIVersion)
    gitCommit = try container.decodeIfPresent(String.self, forKey: .gitCommit) ?? ""
    goVersion = try container.decodeIfPresent(String.self, forKey: .goVersion) ?? ""
    os = try container.decodeIfPresent(String.self, forKey: .os) ?? ""
    arch = try container.decodeIfPresent(String.self, forKey: .arch) ?? ""
    kernelVersion = try container.decodeIfPresent(String.self, forKey: .kernelVersion)
    experimental = try container.decodeIfPresent(Bool.self, forKey: .experimental) ?? false
    buildTime = try container.decodeIfPresent(String.self, forKey: .buildTime)
    platformName = try container.decodeIfPresent(Platform.self, forKey: .platform)?.Name
    componentNames =
      (try? container.decodeIfPresent([Component].self, forKey: .components))??.compactMap(\.Name) ?? []
  }

  /// The names of the engine's components (`Engine`, `containerd`; `Podman Engine`, `Conmon`).
  public var componentNames: [String] = []

  /// What answers: `Podman` when Podman's Docker-compatible service does, else `Docker Engine`.
  public var product: String {
    let names = componentNames + [platformName ?? ""]
    return names.contains { $0.lowercased().contains("podman") } ? "Podman" : "Docker Engine"
  }
}
