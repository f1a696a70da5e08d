import Foundation
import TestImages

/// The docker CLI run with an environment of the test's choosing (unlike `TestEngine.docker`, which always
/// adds `DOCKER_HOST`), for checking what the CLI itself writes and reads.
enum DockerCLI {
  /// Runs `docker args` with exactly `environment` (plus `PATH`) and returns its standard output, trimmed;
  /// throws with the exit status and standard error when it fails, or when there is no docker CLI.
  @discardableResult
  static func run(_ args: [String], environment: [String: String]) throws -> String {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    var environment = environment
    environment["PATH"] = environment["PATH"] ?? path
    let process = Process()
    process.executableURL = try executable(searching: path)
    process.arguments = args
    process.environment = environment
    // Files rather than pipes: neither stream can fill up and stall the other.
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("docker-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let outURL = scratch.appendingPathComponent("out")
    let errURL = scratch.appendingPathComponent("err")
    guard FileManager.default.createFile(atPath: outURL.path, contents: nil),
      FileManager.default.createFile(atPath: errURL.path, contents: nil)
    else {
      throw TestImagesError("cannot create output files in \(scratch.path)")
    }
    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)
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

  /// The first `docker` executable on `path`.
  private static func executable(searching path: String) throws -> URL {
    for directory in path.split(separator: ":") {
      let candidate = "\(directory)/docker"
      if FileManager.default.isExecutableFile(atPath: candidate) {
        return URL(fileURLWithPath: candidate)
      }
    }
    throw TestImagesError(
      "no docker CLI on PATH (\(path)): run scripts/test, which installs docker.io, or apt-get install docker.io")
  }
}
