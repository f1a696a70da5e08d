import DockerFormats
import FoundationEssentials

/// Where the Docker engine is and how to reach it, worked out exactly as the docker CLI does.
///
/// ```swift
/// let endpoint = try EngineEndpoint.resolve(
///   host: nil, context: nil, environment: ProcessInfo.processInfo.environment)
/// print(endpoint)              // unix:///var/run/docker.sock
/// print(endpoint.contextName)  // default
/// ```
public struct EngineEndpoint: Sendable, Equatable, CustomStringConvertible {
  /// How the engine is reached.
  public enum Transport: Sendable, Equatable, CustomStringConvertible {
    /// A unix socket at `path`.
    case unix(path: String)
    /// TCP to `host` (an IPv6 address without brackets) and `port`.
    case tcp(host: String, port: Int)
    /// `docker system dial-stdio` run over ssh on `host`.
    case ssh(user: String?, host: String, port: Int?)
    /// A socket inherited from systemd (`fd://`).
    case fd

    /// The address as the docker CLI writes it: `unix:///var/run/docker.sock`, `tcp://[::1]:2376`,
    /// `ssh://me@build1:2222`, `fd://`.
    public var description: String {
      func bracketed(_ host: String) -> String { host.contains(":") ? "[\(host)]" : host }
      switch self {
      case .unix(let path): return "unix://\(path)"
      case .tcp(let host, let port): return "tcp://\(bracketed(host)):\(port)"
      case .ssh(let user, let host, let port):
        return "ssh://\(user.map { "\($0)@" } ?? "")\(bracketed(host))\(port.map { ":\($0)" } ?? "")"
      case .fd: return "fd://"
      }
    }
  }

  /// The engine's default socket, `/var/run/docker.sock`.
  public static let defaultSocketPath = "/var/run/docker.sock"

  /// How the engine is reached.
  public var transport: Transport
  /// TLS files and verification when TLS is on; nil for plain connections (and always for ssh).
  public var tls: TLSFiles?
  /// The docker context this came from: `default` for `-H`, `DOCKER_HOST` or no configuration.
  public var contextName: String

  /// An endpoint as given.
  public init(transport: Transport, tls: TLSFiles? = nil, contextName: String = "default") {
    self.transport = transport
    self.tls = tls
    self.contextName = contextName
  }

  /// The engine's address as the docker CLI names it, such as `unix:///var/run/docker.sock`.
  public var description: String { transport.description }

  /// The engine the docker CLI would talk to.
  ///
  /// The context is, in order: `context` (`--context`); `default` when `host` (`-H`) or `DOCKER_HOST`
  /// is set; `DOCKER_CONTEXT`; `currentContext` in `$DOCKER_CONFIG/config.json` (`~/.docker` by
  /// default); `default`. The `default` context is `host`, else `DOCKER_HOST`, else
  /// `unix:///var/run/docker.sock` (`tcp://localhost:2376` with TLS), with TLS from
  /// `DOCKER_TLS_VERIFY` (non-empty: TLS and verify) or `DOCKER_TLS` (non-empty: TLS without verify)
  /// and files `ca.pem`, `cert.pem`, `key.pem` in `DOCKER_CERT_PATH` (by default the config
  /// directory). Other contexts come from `contexts/meta/<sha256 of name>/meta.json` with TLS files
  /// in `contexts/tls/<sha256 of name>/docker/`.
  /// - Parameters:
  ///   - host: the `-H`/`--host` option, or nil.
  ///   - context: the `--context` option, or nil; giving both is an error, as in the CLI.
  ///   - environment: the environment to read (`DOCKER_HOST`, `DOCKER_CONTEXT`, `DOCKER_CONFIG`,
  ///     `HOME`, `DOCKER_TLS_VERIFY`, `DOCKER_TLS`, `DOCKER_CERT_PATH`).
  /// - Throws: `EndpointError` for an invalid address, a context that does not exist, unreadable
  ///   configuration, or TLS on without a CA certificate.
  public static func resolve(host: String?, context: String?, environment: [String: String]) throws
    -> EngineEndpoint
  {
    let resolver = Resolver(environment: environment)
    let hostOption = host.flatMap { $0.isEmpty ? nil : $0 }
    if let name = context, !name.isEmpty {
      if hostOption != nil {
        throw EndpointError("conflicting options: cannot specify both --host and --context")
      }
      return try resolver.named(name, source: "--context")
    }
    if let hostOption { return try resolver.defaultContext(host: hostOption, label: "host") }
    if let envHost = resolver.variable("DOCKER_HOST") {
      return try resolver.defaultContext(host: envHost, label: "DOCKER_HOST")
    }
    if let name = resolver.variable("DOCKER_CONTEXT") {
      return try resolver.named(name, source: "DOCKER_CONTEXT")
    }
    if let name = try resolver.store.currentContext() {
      return try resolver.named(name, source: "currentContext in \(resolver.store.configPath)")
    }
    return try resolver.defaultContext(host: nil, label: "DOCKER_HOST")
  }

  /// The steps of `resolve` over one environment.
  /// The contexts the docker CLI has stored (`docker context ls` without `default`), sorted by name.
  /// - Throws: `EndpointError` when a context's `meta.json` cannot be read.
  public static func contextNames(environment: [String: String]) throws -> [String] {
    try Resolver(environment: environment).store.contextNames()
  }

  private struct Resolver {
    let environment: [String: String]
    let store: DockerContextStore

    init(environment: [String: String]) {
      self.environment = environment
      let home = HomeDirectory.path(environment: environment)
      let directory =
        environment["DOCKER_CONFIG"].flatMap { $0.isEmpty ? nil : $0 } ?? DockerContextStore.join(home, ".docker")
      store = DockerContextStore(directory: directory)
    }

    /// The variable's value, or nil when unset or empty.
    func variable(_ name: String) -> String? {
      environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The context `name`; `source` says where the name came from, for errors.
    func named(_ name: String, source: String) throws -> EngineEndpoint {
      if name == "default" { return try defaultContext(host: variable("DOCKER_HOST"), label: "DOCKER_HOST") }
      guard let context = try store.context(named: name) else {
        throw EndpointError(
          "context \(name.parserQuoted) (from \(source)) not found: no file \(store.metaPath(for: name))")
      }
      let anyFile = context.ca != nil || context.cert != nil || context.key != nil
      let tlsOn = anyFile || context.skipTLSVerify
      let transport: Transport
      if context.host.isEmpty {
        transport = .unix(path: EngineEndpoint.defaultSocketPath)
      } else {
        transport = try DockerHost.parse(context.host, tls: tlsOn, label: "host of context \(name.parserQuoted)")
      }
      var tls: TLSFiles?
      if tlsOn, !transport.isSSH {
        tls = TLSFiles(ca: context.ca, cert: context.cert, key: context.key, verify: !context.skipTLSVerify)
      }
      return EngineEndpoint(transport: transport, tls: tls, contextName: name)
    }

    /// The `default` context: `host` (named `label` in errors) or the default address, with TLS
    /// from the environment.
    func defaultContext(host: String?, label: String) throws -> EngineEndpoint {
      let verify = variable("DOCKER_TLS_VERIFY") != nil
      let tlsOn = verify || variable("DOCKER_TLS") != nil
      let transport = try DockerHost.parse(host ?? "", tls: tlsOn, label: label)
      var tls: TLSFiles?
      if tlsOn, !transport.isSSH {
        let directory = variable("DOCKER_CERT_PATH") ?? store.directory
        let files = FileManager.default
        let ca = DockerContextStore.join(directory, "ca.pem")
        let cert = DockerContextStore.join(directory, "cert.pem")
        let key = DockerContextStore.join(directory, "key.pem")
        guard files.fileExists(atPath: ca) else {
          let variableName = verify ? "DOCKER_TLS_VERIFY" : "DOCKER_TLS"
          throw EndpointError(
            "TLS is on (\(variableName) is set) but there is no CA certificate \(ca); "
              + "set DOCKER_CERT_PATH to the directory holding ca.pem, cert.pem and key.pem")
        }
        let pair = files.fileExists(atPath: cert) && files.fileExists(atPath: key)
        tls = TLSFiles(ca: ca, cert: pair ? cert : nil, key: pair ? key : nil, verify: verify)
      }
      return EngineEndpoint(transport: transport, tls: tls, contextName: "default")
    }
  }
}

extension EngineEndpoint.Transport {
  /// Whether this is an ssh transport, which never uses the TLS settings.
  var isSSH: Bool {
    if case .ssh = self { return true }
    return false
  }
}
