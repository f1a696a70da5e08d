import Foundation
import TestImages

/// The real `docksweep` binary running in a pseudo-terminal: a private tmux server (its own socket) with one
/// 200×50 window. Keys go in with `send-keys`; what the terminal shows comes back from `capture-pane`, polled
/// until a condition holds or a deadline passes. Each session has a private HOME (and with it the REPL
/// history), kept across ``restart(_:)`` so a second run sees the first one's history.
///
/// ```swift
/// let terminal = try TerminalSession(engine: try TestEngine.host())
/// defer { terminal.close() }
/// try terminal.waitForPrompt()
/// #expect(try terminal.run("1 + 1") == ["2"])
/// ```
final class TerminalSession {
  /// The tmux server's socket, inside ``home`` so that ``close()`` removes it; a restart takes a new one
  /// (a dying server's socket must not be reused).
  private(set) var socket: String
  /// The private HOME; `XDG_STATE_HOME` is its `state` folder.
  let home: URL
  /// `DOCKER_HOST` for the child, nil to leave it unset.
  let engine: String?
  /// How long a wait lasts before it fails.
  var timeout: TimeInterval = 30

  /// Starts `docksweep ARGUMENTS` in a new terminal.
  init(_ arguments: [String] = [], engine: String?) throws {
    self.engine = engine
    home = FileManager.default.temporaryDirectory.appendingPathComponent("docksweep-repl-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    socket = home.appendingPathComponent("tmux-0.sock").path
    try start(arguments)
  }

  /// The history file the REPL writes.
  var historyFile: URL { home.appendingPathComponent("state/docksweep/history") }

  private func start(_ arguments: [String]) throws {
    var command = ["env", "-u", "DOCKER_CONTEXT", "-u", "DOCKER_TLS_VERIFY"]
    if engine == nil { command += ["-u", "DOCKER_HOST"] }
    command += ["HOME=\(home.path)", "XDG_STATE_HOME=\(home.appendingPathComponent("state").path)", "TERM=xterm"]
    if let engine { command.append("DOCKER_HOST=\(engine)") }
    command += [try Self.binary().path] + arguments
    // remain-on-exit keeps the pane after the program ends, so its exit status can be read.
    try tmux(
      [
        "start-server", ";", "set-option", "-g", "remain-on-exit", "on", ";", "set-option", "-g", "history-limit",
        "5000", ";", "new-session", "-d", "-s", "main", "-x", "200", "-y", "50",
      ] + command)
  }

  /// Ends this terminal's program and starts `docksweep ARGUMENTS` in a fresh one with the same HOME.
  func restart(_ arguments: [String] = []) throws {
    stop()
    restarts += 1
    socket = home.appendingPathComponent("tmux-\(restarts).sock").path
    try start(arguments)
  }

  private var restarts = 0

  /// Kills the tmux server and the program in it, and removes the private HOME (and with it the socket).
  func close() {
    stop()
    try? FileManager.default.removeItem(at: home)
  }

  /// Kills the program (while tmux still holds it, so its pid cannot have been reused) and the server.
  private func stop() {
    let pid = (try? tmux(["list-panes", "-t", "main", "-F", "#{pane_pid}"]))
      .flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    if let pid, pid > 1 { kill(pid, SIGKILL) }
    _ = try? tmux(["kill-server"])
  }

  deinit {
    close()
  }

  // MARK: Input

  /// Types `text` as is (sent as bytes, so no character has a meaning to tmux).
  func type(_ text: String) throws {
    guard !text.isEmpty else { return }
    try tmux(["send-keys", "-t", "main", "-H"] + text.utf8.map { String($0, radix: 16) })
  }

  /// Presses keys by tmux name: `Enter`, `Tab`, `Up`, `C-c`, `C-d`.
  func press(_ keys: String...) throws {
    try tmux(["send-keys", "-t", "main"] + keys)
  }

  /// Types `text` and presses Enter.
  func enter(_ text: String) throws {
    try type(text)
    try press("Enter")
  }

  // MARK: Output

  /// Everything the terminal shows, scrollback included: wrapped lines joined, trailing blanks dropped.
  func lines() throws -> [String] {
    let text = try tmux(["capture-pane", "-p", "-J", "-S", "-", "-t", "main"])
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
      String($0.reversed().drop(while: { $0 == " " }).reversed())
    }
    while lines.last?.isEmpty == true { lines.removeLast() }
    return lines
  }

  /// The terminal's text as one string.
  func screen() throws -> String {
    try lines().joined(separator: "\n")
  }

  /// Polls the terminal until `condition` holds for its lines; returns them. Throws, showing the screen,
  /// when ``timeout`` passes first.
  @discardableResult
  func wait(for what: String, _ condition: ([String]) -> Bool) throws -> [String] {
    let deadline = Date().addingTimeInterval(timeout)
    while true {
      let current = try lines()
      if condition(current) { return current }
      if Date() > deadline {
        throw TestImagesError(
          "timed out after \(Int(timeout))s waiting for \(what); the terminal shows:\n"
            + current.joined(separator: "\n"))
      }
      Thread.sleep(forTimeInterval: 0.05)
    }
  }

  /// Waits until some line contains `text`; returns the lines.
  @discardableResult
  func wait(forText text: String) throws -> [String] {
    try wait(for: "\"\(text)\"") { $0.contains { $0.contains(text) } }
  }

  /// Waits until the last line is an empty prompt (`>`, or `>>` while an input continues).
  func waitForPrompt(_ prompt: String = ">") throws {
    try wait(for: "the prompt \"\(prompt) \"") { $0.last == prompt }
  }

  /// Enters `input` at the prompt and returns the lines it printed, once the next prompt shows.
  func run(_ input: String) throws -> [String] {
    try waitForPrompt()
    let echo = "> " + input
    let before = try lines().filter { $0 == echo }.count
    try enter(input)
    let shown = try wait(for: "the output of \(input) and the next prompt") { lines in
      lines.filter { $0 == echo }.count > before && lines.last == ">"
    }
    let start = shown.lastIndex(of: echo)!
    return Array(shown[(start + 1)..<(shown.count - 1)])
  }

  /// Waits for the program to end and returns its exit status. The program counts as ended when tmux says
  /// its pane is dead or when it is a zombie (tmux has not reaped it yet): `/proc/PID/stat` then carries its
  /// wait status.
  func waitForExit() throws -> Int32 {
    let deadline = Date().addingTimeInterval(timeout)
    while true {
      let state = try tmux(["list-panes", "-t", "main", "-F", "#{pane_dead} #{pane_dead_status} #{pane_pid}"])
      let fields = state.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
      if fields.first == "1", fields.count > 2, let status = Int32(fields[1]) { return status }
      let pid = fields.last ?? "?"
      let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
      // Fields after the command name: state is field 3, exit_code field 52.
      let after = stat.split(separator: ")").last?.split(whereSeparator: \.isWhitespace).map(String.init) ?? []
      if after.first == "Z", after.count >= 50, let code = Int32(after[49]) {
        return (code & 0x7f) == 0 ? (code >> 8) & 0xff : 128 + (code & 0x7f)
      }
      if Date() > deadline {
        throw TestImagesError(
          "the program (pid \(pid): \(stat)) did not end within \(Int(timeout))s; the terminal shows:\n"
            + (try screen()))
      }
      Thread.sleep(forTimeInterval: 0.05)
    }
  }

  // MARK: Plumbing

  /// Runs `tmux -S SOCKET -f /dev/null ARGS` and returns its standard output; throws when it fails.
  @discardableResult
  func tmux(_ args: [String]) throws -> String {
    var environment = ProcessInfo.processInfo.environment
    environment["TMUX"] = nil
    return try Self.spawn(try Self.program("tmux"), ["-S", socket, "-f", "/dev/null"] + args, environment: environment)
  }

  /// Runs `program` and returns its standard output; throws when it fails.
  ///
  /// Spawned with an empty signal mask and default signal dispositions rather than through `Process`: a first
  /// tmux command becomes the server, and a server that inherits the test runner's blocked signals (SIGCHLD,
  /// SIGINT, ...) hands them on to the program in its pane, which then runs as no terminal would run it.
  /// Output goes through files, not pipes: a pipe the server held open would never reach end of file.
  static func spawn(_ program: URL, _ args: [String], environment: [String: String]) throws -> String {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let outPath = scratch.appendingPathComponent("out").path
    let errPath = scratch.appendingPathComponent("err").path

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t()
    sigemptyset(&none)
    posix_spawnattr_setsigmask(&attributes, &none)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for signal in [SIGINT, SIGTERM, SIGQUIT, SIGHUP, SIGPIPE, SIGCHLD, SIGTSTP, SIGTTIN, SIGTTOU, SIGWINCH] {
      sigaddset(&defaults, signal)
    }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

    let argv = ([program.path] + args).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      argv.forEach { free($0) }
      envp.forEach { free($0) }
    }
    var pid = pid_t()
    let spawned = posix_spawn(&pid, program.path, &actions, &attributes, argv, envp)
    guard spawned == 0 else {
      throw TestImagesError("cannot run \(program.path): \(String(cString: strerror(spawned)))")
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    let output = String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: outPath))) ?? Data(), as: UTF8.self)
    // Exited normally with status 0: the low 7 bits (the signal) and the exit status byte are zero.
    guard status == 0 else {
      let errors = String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: errPath))) ?? Data(), as: UTF8.self)
      throw TestImagesError("\(program.lastPathComponent) \(args.joined(separator: " ")) failed (\(status)): \(errors)")
    }
    return output
  }

  /// The `docksweep` binary next to the test bundle (`.build/debug/docksweep`).
  static func binary() throws -> URL {
    var candidates: [URL] = []
    if let path = ProcessInfo.processInfo.environment["DOCKSWEEP_BINARY"] {
      candidates.append(URL(fileURLWithPath: path))
    }
    if let executable = Bundle.main.executableURL {
      candidates.append(executable.deletingLastPathComponent().appendingPathComponent("docksweep"))
    }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    candidates.append(root.appendingPathComponent(".build/debug/docksweep"))
    guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
      throw TestImagesError(
        "no docksweep binary at \(candidates.map(\.path).joined(separator: ", ")): run `swift build` first")
    }
    return found
  }

  /// The first `name` on `PATH`.
  static func program(_ name: String) throws -> URL {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    for directory in path.split(separator: ":") {
      let candidate = "\(directory)/\(name)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return URL(fileURLWithPath: candidate) }
    }
    throw TestImagesError("no \(name) on PATH (\(path)): apt-get install \(name)")
  }
}
