/// Reaches an engine over ssh: `ssh -o ConnectTimeout=30 -T -- [user@]host docker system dial-stdio`
/// per connection, exposed to the HTTP pool as a private unix socket.
final class SSHBridge: Sendable {
  /// The private unix socket the pool connects to.
  let socketPath: String
  /// `ssh://[user@]host[:port]`, for messages.
  let address: String

  init(user: String?, host: String, port: Int?) throws {
    var address = "ssh://"
    if let user { address += "\(user)@" }
    address += host
    if let port { address += ":\(port)" }
    self.address = address
    self.socketPath = ""
    throw DockerError(
      kind: .unsupported,
      message: "\(address): ssh:// hosts are not supported yet; forward the engine's socket "
        + "(ssh -L /tmp/docker.sock:/var/run/docker.sock \(host)) and use unix:///tmp/docker.sock")
  }

  /// Stops accepting connections and ends the ssh processes.
  func stop() {}
}
