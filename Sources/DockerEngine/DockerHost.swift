import DockerFormats
import FoundationEssentials

/// Reads engine addresses in the forms the docker CLI accepts for `-H` and `DOCKER_HOST`.
///
/// - `unix://PATH` (`unix://` alone is `/var/run/docker.sock`)
/// - `tcp://HOST:PORT`, or bare `HOST:PORT` or `HOST`; a missing host is `localhost`, a missing port
///   2375, or 2376 with TLS; IPv6 addresses in brackets (`tcp://[::1]:2375`)
/// - `ssh://[USER@]HOST[:PORT]`
/// - `fd://`
///
/// ```swift
/// try DockerHost.parse("unix:///run/docker.sock")  // .unix(path: "/run/docker.sock")
/// try DockerHost.parse("build1:2376")              // .tcp(host: "build1", port: 2376)
/// try DockerHost.parse("ssh://me@build1")          // .ssh(user: "me", host: "build1", port: nil)
/// ```
public enum DockerHost {
  /// The forms named in errors.
  static let acceptedForms =
    "accepted forms: unix:///path/to/docker.sock, tcp://HOST:PORT, HOST:PORT, ssh://[USER@]HOST[:PORT], fd://"

  /// The transport `text` names; empty text is the default address (`unix:///var/run/docker.sock`,
  /// or `tcp://localhost:2376` with TLS, as the CLI does).
  /// - Parameter tls: whether TLS is in use, which makes the default TCP port 2376.
  /// - Throws: `EndpointError` with `invalid DOCKER_HOST "TEXT": REASON (accepted forms: ...)`.
  public static func parse(_ text: String, tls: Bool = false) throws -> EngineEndpoint.Transport {
    try parse(text, tls: tls, label: "DOCKER_HOST")
  }

  /// `parse(_:tls:)` with `label` naming the value's source in errors (`DOCKER_HOST`, `host`, ...).
  static func parse(_ text: String, tls: Bool, label: String) throws -> EngineEndpoint.Transport {
    func failure(_ reason: String) -> EndpointError {
      EndpointError("invalid \(label) \(text.parserQuoted): \(reason) (\(acceptedForms))")
    }
    let address = text.trimmingWhitespace()
    if address.isEmpty {
      return tls ? .tcp(host: "localhost", port: 2376) : .unix(path: EngineEndpoint.defaultSocketPath)
    }
    let scheme: Substring
    let rest: Substring
    if let separator = address.firstRange(ofBytes: "://") {
      scheme = address[..<separator.lowerBound]
      rest = address[separator.upperBound...]
    } else {
      scheme = "tcp"
      rest = Substring(address)
    }
    switch scheme {
    case "unix":
      if rest.firstRange(ofBytes: "://") != nil { throw failure("a unix socket path cannot contain \"://\"") }
      return .unix(path: rest.isEmpty ? EngineEndpoint.defaultSocketPath : String(rest))
    case "tcp":
      let (host, port) = try hostAndPort(rest, failure: failure)
      return .tcp(host: host ?? "localhost", port: port ?? (tls ? 2376 : 2375))
    case "ssh":
      let authorityEnd = rest.firstIndex { "/?#".contains($0) } ?? rest.endIndex
      var user: Substring?
      var hostPart = rest
      if let at = rest[..<authorityEnd].lastIndex(of: "@") {
        user = rest[..<at]
        hostPart = rest[rest.index(after: at)...]
      }
      if let user, user.contains(":") { throw failure("a password in the address is not supported; use ssh keys") }
      let (host, port) = try hostAndPort(hostPart, failure: failure)
      guard let host else { throw failure("no host after ssh://") }
      return .ssh(user: user.flatMap { $0.isEmpty ? nil : String($0) }, host: host, port: port)
    case "fd":
      return .fd
    case "npipe":
      throw failure("named pipes exist only on Windows")
    case "http", "https":
      throw failure("use tcp:// for TCP addresses (TLS comes from DOCKER_TLS_VERIFY)")
    default:
      throw failure("unknown scheme \(String(scheme).parserQuoted)")
    }
  }

  /// The host (nil when empty) and port (nil when absent) of an address without scheme; a path of
  /// `/` is allowed, anything else after the host is refused.
  private static func hostAndPort(
    _ address: Substring, failure: (String) -> EndpointError
  ) throws -> (String?, Int?) {
    let authorityEnd = address.firstIndex { "/?#".contains($0) } ?? address.endIndex
    let authority = address[..<authorityEnd]
    let tail = address[authorityEnd...]
    if let first = tail.first {
      switch first {
      case "?": throw failure("a query after the host is not supported")
      case "#": throw failure("a fragment after the host is not supported")
      default: if tail != "/" { throw failure("a path after the host is not supported") }
      }
    }
    if authority.contains("@") {
      throw failure("a user name is only supported with ssh://")
    }

    let host: Substring
    var portText: Substring?
    if authority.hasPrefix("[") {
      guard let close = authority.firstIndex(of: "]") else { throw failure("an IPv6 address is missing its ]") }
      host = authority[authority.index(after: authority.startIndex)..<close]
      let after = authority[authority.index(after: close)...]
      if !after.isEmpty {
        guard after.hasPrefix(":") else { throw failure("unexpected text after the IPv6 address") }
        portText = after.dropFirst()
      }
      let ipv6 =
        host.contains(":")
        && host.unicodeScalars.allSatisfy { scalar in
          ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            || scalar == ":" || scalar == "." || scalar == "%"
        }
      guard ipv6 else {
        throw failure("\(String(host).parserQuoted) is not an IPv6 address")
      }
    } else {
      let parts = authority.split(separator: ":", omittingEmptySubsequences: false)
      if parts.count > 2 { throw failure("put IPv6 addresses in brackets, like tcp://[::1]:2375") }
      host = parts[0]
      portText = parts.count == 2 ? parts[1] : nil
      let allowed = host.unicodeScalars.allSatisfy { scalar in
        scalar.value >= 0x80 || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
          || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "." || scalar == "_"
      }
      if !allowed { throw failure("\(String(host).parserQuoted) is not a host name") }
    }

    var port: Int?
    if let portText, !portText.isEmpty {
      guard portText.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }), portText.count <= 5,
        let number = Int(portText),
        (1...65535).contains(number)
      else { throw failure("invalid port \(String(portText).parserQuoted) (expected 1 to 65535)") }
      port = number
    }
    return (host.isEmpty ? nil : String(host), port)
  }
}
