import Foundation
import TestImages

/// Debian's sshd on a loopback port, with a host key and a client key made for the test. The client key's
/// `authorized_keys` entry sets `DOCKER_HOST` to an engine of the test's, so `docker system dial-stdio` on
/// the far side reaches that engine. OpenSSH reads `~/.ssh/config` from the password database, not from
/// `HOME`, so ``path`` puts first on `PATH` an `ssh` that runs the real one with `-F` and the test's config.
final class SSHServer: @unchecked Sendable {
  let directory: String
  let port: Int
  /// A `PATH` whose `ssh` is the real one with the test's client config.
  var path: String { directory + "/bin:" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin") }
  private let process: Subprocess.Started

  /// Starts sshd for `engineHost` (the engine `docker system dial-stdio` reaches).
  init(engineHost: String) throws {
    directory = "/tmp/ds-sshd-\(UInt32.random(in: 0...UInt32.max))"
    port = try PrivateEngine.freePort()
    let d = directory
    let setup = """
      set -e
      mkdir -p '\(d)/bin' /run/sshd
      chmod 700 '\(d)'
      ssh-keygen -q -t ed25519 -N '' -f '\(d)/host_key'
      ssh-keygen -q -t ed25519 -N '' -f '\(d)/id'
      printf 'environment="DOCKER_HOST=\(engineHost)" %s\\n' "$(cat '\(d)/id.pub')" > '\(d)/authorized_keys'
      cat > '\(d)/sshd_config' <<EOC
      Port \(port)
      ListenAddress 127.0.0.1
      HostKey \(d)/host_key
      AuthorizedKeysFile \(d)/authorized_keys
      PermitUserEnvironment yes
      PermitRootLogin prohibit-password
      PasswordAuthentication no
      KbdInteractiveAuthentication no
      UsePAM no
      StrictModes no
      PidFile \(d)/sshd.pid
      EOC
      printf '#!/bin/sh\\nexec /usr/bin/ssh -F %s "$@"\\n' '\(d)/ssh_config' > '\(d)/bin/ssh'
      chmod 755 '\(d)/bin/ssh'
      cat > '\(d)/ssh_config' <<EOC
      Host 127.0.0.1
        IdentityFile \(d)/id
        StrictHostKeyChecking no
        UserKnownHostsFile /dev/null
        LogLevel ERROR
      EOC
      """
    let made = try Subprocess.run(["/bin/bash", "-c", setup])
    guard made.status == 0 else { throw TestImagesError("cannot set up sshd: \(made.stderr)") }
    process = try Subprocess.start(["/usr/sbin/sshd", "-D", "-e", "-f", d + "/sshd_config"])
    // Ready when a login runs a command.
    for _ in 0..<100 {
      let probe = try Subprocess.run(
        [d + "/bin/ssh", "-p", String(port), "-o", "ConnectTimeout=2", "root@127.0.0.1", "true"])
      if probe.status == 0 { return }
      usleep(100_000)
    }
    kill(process.pid, SIGTERM)
    let log = process.finish()
    throw TestImagesError("sshd did not accept a login: \(log.stderr)")
  }

  /// `ssh://root@127.0.0.1:PORT`.
  var url: String { "ssh://root@127.0.0.1:\(port)" }

  /// Stops sshd and removes its files.
  func stop() {
    kill(process.pid, SIGTERM)
    _ = process.finish()
    try? FileManager.default.removeItem(atPath: directory)
  }
}
