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
    _ = try Self.run(
      [Self.packageRoot.path + "/scripts/engine", "start"], environment: ["DOCKSWEEP_ENGINE_DIR": directory])
  }

  /// Stops the engine and removes its directory.
  func destroy() {
    _ = try? Self.run(
      [Self.packageRoot.path + "/scripts/engine", "reset"], environment: ["DOCKSWEEP_ENGINE_DIR": directory])
    try? FileManager.default.removeItem(atPath: directory)
  }

  /// Kills dockerd at once (SIGKILL), as a crash would.
  func kill() throws {
    let pid = try String(contentsOfFile: directory + "/dockerd.pid", encoding: .utf8)
      .trimmingCharacters(in: .whitespacesAndNewlines)
    _ = try Self.run(["/bin/kill", "-9", pid])
  }

  /// Starts the engine again on the same data.
  func restart() throws {
    _ = try Self.run(
      [Self.packageRoot.path + "/scripts/engine", "start"], environment: ["DOCKSWEEP_ENGINE_DIR": directory])
  }

  /// The docker CLI against this engine.
  func docker(_ args: [String]) throws -> String {
    let result = try Self.run(["docker"] + args, environment: ["DOCKER_HOST": host])
    guard result.status == 0 else { throw TestImagesError("docker \(args) failed: \(result.stderr)") }
    return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// Runs a command to completion with `posix_spawn` and `waitpid`. (Foundation's `Process` waits until
  /// every process holding a descriptor it shares has exited, which never happens when the command leaves
  /// a daemon such as dockerd behind.) Output goes to files so neither stream can stall the other.
  static func run(_ command: [String], environment extra: [String: String] = [:]) throws -> (
    status: Int32, stdout: String, stderr: String
  ) {
    let started = try start(command, environment: extra)
    return started.finish()
  }

  /// Starts a command; ``StartedProcess/finish()`` waits for it and collects its output.
  static func start(_ command: [String], environment extra: [String: String] = [:]) throws -> StartedProcess {
    var environment = ProcessInfo.processInfo.environment
    for (k, v) in extra { environment[k] = v }
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, scratch.path + "/out", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, scratch.path + "/err", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    let argv = command.map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      for p in argv { free(p) }
      for p in envp { free(p) }
    }
    var pid: pid_t = 0
    let status = posix_spawnp(&pid, command[0], &actions, nil, argv, envp)
    guard status == 0 else {
      throw TestImagesError("cannot run \(command[0]): \(String(cString: strerror(status)))")
    }
    return StartedProcess(pid: pid, scratch: scratch)
  }

  struct StartedProcess {
    let pid: pid_t
    let scratch: URL

    /// Waits for the process; returns its exit status (128 + signal when killed) and output.
    func finish() -> (status: Int32, stdout: String, stderr: String) {
      var status: Int32 = 0
      while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
      defer { try? FileManager.default.removeItem(at: scratch) }
      let out = (try? String(contentsOf: scratch.appendingPathComponent("out"), encoding: .utf8)) ?? ""
      let err = (try? String(contentsOf: scratch.appendingPathComponent("err"), encoding: .utf8)) ?? ""
      let code = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
      return (code, out, err)
    }
  }
}
