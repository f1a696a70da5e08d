import FoundationEssentials
import Glibc
import NIOConcurrencyHelpers

/// A program run with `posix_spawn`, its standard input and output on pipes this side holds and its standard
/// error written to a file: the one way docksweep starts other programs (ssh, for `ssh://` engines).
final class ChildProcess: @unchecked Sendable {
  let pid: pid_t
  /// The write end of the child's standard input; closed by `closeInput()`.
  let input: Int32
  /// The read end of the child's standard output.
  let output: Int32

  /// Starts `arguments[0]`, found on `PATH`, with standard error appended to `errorPath`.
  /// - Throws: `POSIXError` when the pipes cannot be made or the program cannot be started.
  init(_ arguments: [String], errorPath: String) throws {
    // One start at a time, and every pipe end close-on-exec before any start: no child inherits the pipes
    // of another (its copies made by dup2 below are inheritable).
    let (child, input, output) = try Self.spawning.withLock {
      try Self.start(arguments, errorPath: errorPath)
    }
    pid = child
    self.input = input
    self.output = output
  }

  private static let spawning = NIOLock()

  private static func start(_ arguments: [String], errorPath: String) throws -> (pid_t, Int32, Int32) {
    var toChild: [Int32] = [-1, -1]
    var fromChild: [Int32] = [-1, -1]
    guard pipe(&toChild) == 0 else { throw Self.lastError() }
    guard pipe(&fromChild) == 0 else {
      let error = Self.lastError()
      close(toChild[0])
      close(toChild[1])
      throw error
    }
    for descriptor in toChild + fromChild { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
    posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
    posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_APPEND, 0o600)

    let argv = arguments.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var child: pid_t = 0
    let status = posix_spawnp(&child, arguments[0], &actions, nil, argv, environ)
    close(toChild[0])
    close(fromChild[1])
    guard status == 0 else {
      close(toChild[1])
      close(fromChild[0])
      throw POSIXError(POSIXErrorCode(rawValue: status) ?? .ENOENT)
    }
    return (child, toChild[1], fromChild[0])
  }

  deinit {
    close(output)
  }

  /// Ends the child's standard input (end of file on its side).
  func closeInput() {
    close(input)
  }

  /// Asks the child to end (SIGTERM).
  func terminate() {
    kill(pid, SIGTERM)
  }

  /// Waits for the child to end: its exit status, or nil when a signal ended it.
  func wait() -> Int32? {
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 {
      if errno != EINTR { return nil }
    }
    // WIFEXITED / WEXITSTATUS, which Swift does not import as macros.
    return status & 0x7F == 0 ? (status >> 8) & 0xFF : nil
  }

  private static func lastError() -> POSIXError {
    POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
  }
}
