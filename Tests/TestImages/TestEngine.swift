import Foundation

/// The docker CLI pointed at the test engine, for loading test images and checking engine state
/// independently of docksweep's own client.
///
/// Every call needs `DOCKER_HOST` (set by `scripts/test`, or `eval "$(scripts/engine env)"`); without it
/// the call fails rather than reach a daemon the tests do not own.
/// ```swift
/// try TestEngine.load(archive)
/// let created = try TestEngine.docker(["image", "inspect", "-f", "{{.Created}}", "fixture/dated:1"])
/// ```
public enum TestEngine {
  /// `DOCKER_HOST`, or an error telling how to get a test engine.
  public static func host() throws -> String {
    guard let host = ProcessInfo.processInfo.environment["DOCKER_HOST"], !host.isEmpty else {
      throw TestImagesError(
        "DOCKER_HOST is not set: this test needs the private test engine. Run scripts/test, or "
          + "`eval \"$(scripts/engine start)\"` (or `eval \"$(scripts/engine env)\"` if it runs) first.")
    }
    return host
  }

  /// Loads a `docker save` archive into the engine (`docker load -i`).
  public static func load(_ archive: URL) throws {
    _ = try docker(["load", "-q", "-i", archive.path])
  }

  /// Runs `docker` with `args` against `DOCKER_HOST` and returns its standard output with surrounding
  /// whitespace trimmed; throws with the exit status and standard error if it fails.
  @discardableResult
  public static func docker(_ args: [String]) throws -> String {
    var environment = ProcessInfo.processInfo.environment
    environment["DOCKER_HOST"] = try host()
    return try docker(args, environment: environment)
  }

  /// Runs `docker` with `args` and exactly `environment`; returns its standard output trimmed, and throws
  /// with the exit status and standard error if it fails.
  @discardableResult
  public static func docker(_ args: [String], environment: [String: String]) throws -> String {
    let process = Process()
    process.executableURL = try executable()
    process.arguments = args
    process.environment = environment
    // Files rather than pipes: neither stream can fill up and stall the other.
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("docker-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let outURL = scratch.appendingPathComponent("out")
    let errURL = scratch.appendingPathComponent("err")
    let out = try newFile(outURL)
    let err = try newFile(errURL)
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try out.close()
    try err.close()
    let stdout = String(decoding: try Data(contentsOf: outURL), as: UTF8.self)
    guard process.terminationReason == .exit, process.terminationStatus == 0 else {
      let stderr = String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
      throw TestImagesError(
        "docker \(args.joined(separator: " ")) failed (status \(process.terminationStatus)): "
          + stderr.trimmingCharacters(in: .whitespacesAndNewlines))
    }
    return stdout.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  private static func newFile(_ url: URL) throws -> FileHandle {
    guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
      throw TestImagesError("cannot create \(url.path)")
    }
    return try FileHandle(forWritingTo: url)
  }

  /// The first `docker` executable on `PATH`.
  private static func executable() throws -> URL {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    for directory in path.split(separator: ":") {
      let candidate = "\(directory)/docker"
      if FileManager.default.isExecutableFile(atPath: candidate) {
        return URL(fileURLWithPath: candidate)
      }
    }
    throw TestImagesError("no docker CLI on PATH (\(path)): apt-get install docker.io")
  }
}
