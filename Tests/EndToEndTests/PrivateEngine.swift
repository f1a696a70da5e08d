import Foundation
import TestImages

/// A second dockerd of the test's own (scripts/engine with its own directory), for tests that must
/// hurt an engine — kill it mid-operation — without touching the shared test engine.
final class PrivateEngine {
  let directory: String
  let host: String
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  init() throws {
    directory = "/tmp/ds-e2e-\(UInt32.random(in: 0...UInt32.max))"
    host = "unix://\(directory)/docker.sock"
    _ = try Subprocess.run(
      [Self.packageRoot.path + "/scripts/engine", "start"], environment: Self.environment(directory))
  }

  /// The environment for scripts/engine: this engine's directory, and no tcp listener (the shared test
  /// engine may hold the port scripts/test chose).
  static func environment(_ directory: String) -> [String: String?] {
    ["DOCKSWEEP_ENGINE_DIR": directory, "DOCKSWEEP_ENGINE_TCP_PORT": nil]
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
  }

  /// Starts the engine again on the same data.
  func restart() throws {
    _ = try Subprocess.run(
      [Self.packageRoot.path + "/scripts/engine", "start"], environment: Self.environment(directory))
  }

  /// The docker CLI against this engine.
  func docker(_ args: [String]) throws -> String {
    let result = try Subprocess.run(["docker"] + args, environment: ["DOCKER_HOST": host])
    guard result.status == 0 else { throw TestImagesError("docker \(args) failed: \(result.stderr)") }
    return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
