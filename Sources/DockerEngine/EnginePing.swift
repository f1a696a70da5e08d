/// What `GET /_ping` tells about the engine.
public struct EnginePing: Sendable, Equatable {
  /// The newest API version the engine speaks (`Api-Version` header), if sent.
  public var apiVersion: String?
  /// `linux` or `windows` (`Ostype` header), if sent.
  public var osType: String?
  /// Whether experimental features are on (`Docker-Experimental: true`).
  public var experimental: Bool
  /// The default builder, `1` or `2` (`Builder-Version` header), if sent.
  public var builderVersion: String?
  /// The body, `OK` for a healthy engine.
  public var status: String

  /// A ping result from its parts.
  public init(apiVersion: String?, osType: String?, experimental: Bool, builderVersion: String?, status: String) {
    self.apiVersion = apiVersion
    self.osType = osType
    self.experimental = experimental
    self.builderVersion = builderVersion
    self.status = status
  }
}
