/// The TLS material for an engine reached over TCP: PEM file paths and whether to verify the engine.
///
/// From `DOCKER_TLS_VERIFY`/`DOCKER_TLS` with `DOCKER_CERT_PATH` (`ca.pem`, `cert.pem`, `key.pem`), or
/// from a context's `contexts/tls/<hash>/docker/` directory.
public struct TLSFiles: Sendable, Equatable {
  /// The CA certificate that signed the engine's certificate; nil to use the system's roots.
  public var ca: String?
  /// The client certificate; set only together with `key`.
  public var cert: String?
  /// The client certificate's private key; set only together with `cert`.
  public var key: String?
  /// Whether the engine's certificate is verified (`DOCKER_TLS_VERIFY`, or a context without
  /// `SkipTLSVerify`).
  public var verify: Bool

  /// TLS files as given.
  public init(ca: String? = nil, cert: String? = nil, key: String? = nil, verify: Bool = true) {
    self.ca = ca
    self.cert = cert
    self.key = key
    self.verify = verify
  }
}
