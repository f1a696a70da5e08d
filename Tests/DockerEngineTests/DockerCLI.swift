import Foundation
import TestImages

/// The docker CLI run with an environment of the test's choosing (unlike `TestEngine.docker(_:)`, which
/// always adds `DOCKER_HOST`), for checking what the CLI itself writes and reads.
enum DockerCLI {
  /// Runs `docker args` with exactly `environment` (plus `PATH`) and returns its standard output, trimmed;
  /// throws with the exit status and standard error when it fails, or when there is no docker CLI.
  @discardableResult
  static func run(_ args: [String], environment: [String: String]) throws -> String {
    var environment = environment
    environment["PATH"] =
      environment["PATH"] ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    return try TestEngine.docker(args, environment: environment)
  }
}
