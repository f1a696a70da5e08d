/// One engine of a fleet: the name its output and its summary row carry, and where it is (`-H` or
/// `--context`).
public struct FleetEngine: Sendable, Equatable {
  /// `ci-1` for a context, the address for `-H`.
  public var name: String
  /// `-H`: the engine address.
  public var host: String?
  /// `--context`: a docker CLI context.
  public var context: String?

  /// An engine named `name` at `host` or in `context`.
  public init(name: String, host: String? = nil, context: String? = nil) {
    self.name = name
    self.host = host
    self.context = context
  }
}
