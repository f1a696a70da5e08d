import Foundation
import TestImages

/// A second dockerd of the test's own (scripts/engine with its own directory), for tests that must
/// hurt an engine — kill it mid-operation — without touching the shared test engine.
final class PrivateEngine: @unchecked Sendable {
  let directory: String
  let host: String
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The engine's tcp listener (`tcp://127.0.0.1:PORT`), when it has one.
  let tcpHost: String?
  private let extraEnvironment: [String: String?]

  /// Starts a private dockerd; with `tlsDirectory` (see ``TLSFiles``) it also listens on a free loopback
  /// port with `--tlsverify`.
  init(tlsDirectory: String? = nil) throws {
    directory = "/tmp/ds-e2e-\(UInt32.random(in: 0...UInt32.max))"
    host = "unix://\(directory)/docker.sock"
    var extra: [String: String?] = [:]
    if let tlsDirectory {
      let port = try Self.freePort()
      extra = ["DOCKSWEEP_ENGINE_TCP_PORT": String(port), "DOCKSWEEP_ENGINE_TLS_DIR": tlsDirectory]
      tcpHost = "tcp://127.0.0.1:\(port)"
    } else {
      tcpHost = nil
    }
    extraEnvironment = extra
    let result = try Subprocess.run(
      [Self.packageRoot.path + "/scripts/engine", "start"], environment: environment)
    guard result.status == 0 else { throw TestImagesError("scripts/engine start failed: \(result.stderr)") }
  }

  /// The environment for scripts/engine: this engine's directory, and no tcp listener unless this engine
  /// has one of its own (the shared test engine may hold the port scripts/test chose).
  var environment: [String: String?] {
    Self.environment(directory).merging(extraEnvironment) { _, new in new }
  }

  static func environment(_ directory: String) -> [String: String?] {
    ["DOCKSWEEP_ENGINE_DIR": directory, "DOCKSWEEP_ENGINE_TCP_PORT": nil, "DOCKSWEEP_ENGINE_TLS_DIR": nil]
  }

  /// A loopback port nothing listens on now.
  static func freePort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Bool in
        bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
      }
    }
    guard bound else { throw TestImagesError("cannot find a free port") }
    return Int(UInt16(bigEndian: address.sin_port))
  }

  /// Stops the engine and removes its directory.
  func destroy() {
    _ = try? Subprocess.run(
      [Self.packageRoot.path + "/scripts/engine", "reset"], environment: Self.environment(directory))
    try? FileManager.default.removeItem(atPath: directory)
  }

  /// Kills dockerd at once (SIGKILL), as a crash would.
  func kill() throws {
    let pid = try String(contentsOfFile: directory + "/dockerd.pid", encoding: .utf8)
      .trimmingCharacters(in: .whitespacesAndNewlines)
    _ = try Subprocess.run(["/bin/kill", "-9", pid])
    // SIGKILL is delivered at once but the process ends a moment later, and until its files are closed its
    // socket still accepts. Wait (up to 30 s) until it has ended: gone, or a zombie, whose files are closed.
    for _ in 0..<300 where Self.isRunning(pid: pid) { usleep(100_000) }
  }

  /// Whether the process `pid` runs: it exists and is not a zombie (`/proc/PID/stat`'s state after the name).
  static func isRunning(pid: String) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
      let nameEnd = stat.lastIndex(of: ")")
    else { return false }
    return stat[stat.index(after: nameEnd)...].trimmingCharacters(in: .whitespaces).first != "Z"
  }

  /// Starts the engine again on the same data.
  func restart() throws {
    _ = try Subprocess.run([Self.packageRoot.path + "/scripts/engine", "start"], environment: environment)
  }

  /// The docker CLI against this engine.
  func docker(_ args: [String]) throws -> String {
    let result = try Subprocess.run(["docker"] + args, environment: ["DOCKER_HOST": host])
    guard result.status == 0 else { throw TestImagesError("docker \(args) failed: \(result.stderr)") }
    return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
