import Foundation
import TestImages

/// What one run of the docksweep binary did.
struct RunResult: CustomStringConvertible {
  /// The exit status (128 + signal when a signal ended it).
  let status: Int32
  let stdout: String
  let stderr: String
  /// Seconds from start to exit.
  let elapsed: TimeInterval

  /// Standard output split into lines, without the empty string after a final newline.
  var lines: [String] {
    var text = stdout
    if text.hasSuffix("\n") { text.removeLast() }
    return text.isEmpty ? [] : text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  }

  var description: String {
    "exit status \(status) after \(String(format: "%.1f", elapsed))s\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)"
  }
}

/// The built `docksweep` binary, run as a person would run it from a script: no terminal on any stream,
/// `DOCKER_HOST` from the environment, and `XDG_CONFIG_HOME` pointing at an empty directory so that no
/// protect file of the machine's user applies unless a test writes one.
enum Docksweep {
  /// The package root, found from this file's place in `Tests/EndToEndTests`.
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// `<package root>/.build/debug/docksweep`, or an error saying how to build it.
  static func binary() throws -> URL {
    let url = packageRoot.appendingPathComponent(".build/debug/docksweep")
    guard FileManager.default.isExecutableFile(atPath: url.path) else {
      throw TestImagesError(
        "the docksweep binary is missing at \(url.path): build it with `swift build` (`swift test` builds it too)")
    }
    return url
  }

  /// Runs `docksweep arguments...` and waits for it on a thread of its own, so that waiting never holds a
  /// thread of the concurrency pool that other tests (and engine clients) need.
  /// - Parameters:
  ///   - stdin: text for standard input; nil gives `/dev/null`.
  ///   - environment: variables set on top of this process's environment.
  ///   - executable: what to start instead of the binary (a script with a `#!` line).
  ///   - directory: the working directory; by default a fresh one removed afterwards.
  ///   - timeout: seconds after which the run is killed; the result then says so in `stderr`.
  static func run(
    _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:], executable: URL? = nil,
    directory: URL? = nil, timeout: TimeInterval = 180
  ) async throws -> RunResult {
    try await withCheckedThrowingContinuation { continuation in
      let thread = Thread {
        continuation.resume(
          with: Result {
            try runBlocking(
              arguments, stdin: stdin, environment: environment, executable: executable, directory: directory,
              timeout: timeout)
          })
      }
      thread.start()
    }
  }

  /// ``run(_:stdin:environment:executable:directory:timeout:)`` on the calling thread.
  private static func runBlocking(
    _ arguments: [String], stdin: String?, environment: [String: String], executable: URL?, directory: URL?,
    timeout: TimeInterval
  ) throws -> RunResult {
    let program = try executable ?? binary()
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("docksweep-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let config = scratch.appendingPathComponent("config")
    try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)

    var env = ProcessInfo.processInfo.environment
    env["XDG_CONFIG_HOME"] = config.path
    env["XDG_STATE_HOME"] = scratch.appendingPathComponent("state").path
    for (key, value) in environment { env[key] = value }

    // Files rather than pipes: neither stream can fill up and stall the other.
    let outURL = scratch.appendingPathComponent("stdout")
    let errURL = scratch.appendingPathComponent("stderr")
    let inURL = scratch.appendingPathComponent("stdin")
    for url in [outURL, errURL, inURL] {
      guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
        throw TestImagesError("cannot create \(url.path)")
      }
    }
    if let stdin { try Data(stdin.utf8).write(to: inURL) }

    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)
    let input = stdin == nil ? FileHandle.nullDevice : try FileHandle(forReadingFrom: inURL)
    let exited = DispatchSemaphore(value: 0)
    let start = Date()
    let process = try launch {
      let process = Process()
      process.executableURL = program
      process.arguments = arguments
      process.environment = env
      process.currentDirectoryURL = directory ?? scratch
      process.standardOutput = out
      process.standardError = err
      process.standardInput = input
      process.terminationHandler = { _ in exited.signal() }
      return process
    }
    var timedOut = false
    if exited.wait(timeout: .now() + timeout) == .timedOut {
      timedOut = true
      process.terminate()
      if exited.wait(timeout: .now() + 5) == .timedOut { kill(process.processIdentifier, SIGKILL) }
      process.waitUntilExit()
    }
    let elapsed = Date().timeIntervalSince(start)
    try out.close()
    try err.close()
    if stdin != nil { try input.close() }
    let stdout = String(decoding: try Data(contentsOf: outURL), as: UTF8.self)
    var stderr = String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
    if timedOut { stderr += "\n[test runner: killed after \(Int(timeout))s]" }
    let status =
      process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    return RunResult(status: status, stdout: stdout, stderr: stderr, elapsed: elapsed)
  }

  /// Starts a process made by `make`, retrying for a while when the binary is busy (being relinked by a
  /// concurrent build).
  private static func launch(_ make: () -> Process) throws -> Process {
    var attempt = 0
    while true {
      let process = make()
      do {
        try process.run()
        return process
      } catch {
        attempt += 1
        if attempt >= 30 { throw TestImagesError("cannot start \(process.executableURL?.path ?? "?"): \(error)") }
        Thread.sleep(forTimeInterval: 1)
      }
    }
  }

  /// Runs `arguments` again while the engine answers that another prune is running (409), which happens
  /// when tests sharing the engine prune at the same moment.
  static func runRetryingPrune(_ arguments: [String], environment: [String: String] = [:]) async throws -> RunResult {
    var result = try await run(arguments, environment: environment)
    for _ in 0..<10 where result.stderr.contains("a prune operation is already running") {
      try await Task.sleep(for: .seconds(1))
      result = try await run(arguments, environment: environment)
    }
    return result
  }
}
