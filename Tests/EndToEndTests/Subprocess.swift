import Foundation
import TestImages

/// Runs commands with `posix_spawn` and `waitpid`. Foundation's `Process` waits until every process
/// holding a descriptor it shares has exited, which never happens when a command leaves a daemon behind
/// (dockerd from scripts/engine, a tmux server); here the child gets only standard input (/dev/null),
/// output and error (files, so neither stream can stall the other) and no other descriptor.
enum Subprocess {
  struct Result {
    /// The exit status, or 128 + the signal that ended the process.
    let status: Int32
    let stdout: String
    let stderr: String
  }

  /// A started process; ``finish()`` waits for it and collects its output.
  struct Started {
    let pid: pid_t
    let scratch: URL

    func finish() -> Result {
      var status: Int32 = 0
      while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
      defer { try? FileManager.default.removeItem(at: scratch) }
      let out = (try? String(contentsOf: scratch.appendingPathComponent("out"), encoding: .utf8)) ?? ""
      let err = (try? String(contentsOf: scratch.appendingPathComponent("err"), encoding: .utf8)) ?? ""
      let code = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
      return Result(status: code, stdout: out, stderr: err)
    }
  }

  /// Runs `command` (found on PATH when not a path) to completion. `environment` adds to or, with nil
  /// values, removes from this process's environment.
  static func run(_ command: [String], environment: [String: String?] = [:]) throws -> Result {
    try start(command, environment: environment).finish()
  }

  /// Starts `command`.
  static func start(_ command: [String], environment extra: [String: String?] = [:]) throws -> Started {
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
    markDescriptorsCloseOnExec()
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
    return Started(pid: pid, scratch: scratch)
  }

  /// Sets close-on-exec on every descriptor above 2 of this process, so a spawned child inherits none
  /// of them (glibc's `posix_spawn_file_actions_addclosefrom_np` is not visible to Swift).
  private static func markDescriptorsCloseOnExec() {
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else { return }
    for entry in entries {
      guard let fd = Int32(entry), fd > 2 else { continue }
      let flags = fcntl(fd, F_GETFD)
      if flags >= 0 { _ = fcntl(fd, F_SETFD, flags | FD_CLOEXEC) }
    }
  }
}
