import ArgumentParser
import DockSweep
import DockerEngine
import FoundationEssentials
import Glibc

/// The values of the global options, however the command line was parsed
/// (``GlobalOptions`` or ``QuickCommandLine``).
struct GlobalSettings: Equatable {
  var dryRun = false
  var yes = false
  var quiet = false
  var protect: [String] = []
  var trust = false
  var allowWrite: [String] = []
  var timeout: Double?
  var idleTimeout: Double?
  var maxMemory: String?
  /// `-H`, in order (more than one engine: a fleet run).
  var hosts: [String] = []
  /// `--context`, in order.
  var contexts: [String] = []
  /// `--all-contexts`.
  var allContexts = false
  var format = OutputFormat.text

  /// Throws the usage error for a non-positive timeout or an unreadable memory size.
  func validate() throws {
    if let timeout, timeout <= 0 { throw ValidationError("--timeout must be a positive number of seconds") }
    if let idleTimeout, idleTimeout < 0 {
      throw ValidationError("--idle-timeout must be 0 (never) or a number of seconds")
    }
    _ = try memoryLimit()
  }

  /// The memory limit in bytes.
  func memoryLimit() throws -> Int {
    guard let maxMemory else { return SessionOptions().memoryLimit }
    do {
      let bytes = try SessionOptions.parseSize(maxMemory)
      guard bytes >= 1_000_000 else { throw ValidationError("--max-memory must be at least 1MB, got \(maxMemory)") }
      return Int(bytes)
    } catch let e as ValidationError {
      throw e
    } catch {
      throw ValidationError("--max-memory: \(error)")
    }
  }

  /// The engines named (`-H`, `--context`, `--all-contexts`); empty when the usual one is meant.
  func engines(environment: [String: String] = ProcessEnvironment.current()) throws -> [FleetEngine] {
    var out = hosts.map { FleetEngine(name: $0, host: $0) }
    var names = contexts
    if allContexts {
      do {
        names += try EngineEndpoint.contextNames(environment: environment)
      } catch {
        throw SessionError(.usage, "--all-contexts: \(error)")
      }
      if names.isEmpty { throw SessionError(.usage, "--all-contexts: the docker CLI has no contexts stored") }
    }
    for name in names where !out.contains(where: { $0.context == name }) {
      out.append(FleetEngine(name: name, context: name))
    }
    return out
  }

  /// Whether more than one engine is named: the run goes to every one of them.
  var isFleet: Bool { hosts.count + contexts.count > 1 || allContexts }

  /// Session options from these settings, the environment and the terminal.
  func sessionOptions() throws -> SessionOptions {
    var o = SessionOptions()
    o.dryRun = dryRun
    o.assumeYes = yes
    o.format = format
    o.quiet = quiet
    o.protectPatterns = protect
    o.trusted = trust
    o.writableDirectories = allowWrite
    o.timeLimit = timeout
    if let idleTimeout { o.idleTimeout = idleTimeout > 0 ? idleTimeout : nil }
    o.memoryLimit = try memoryLimit()
    o.host = hosts.first
    o.context = contexts.first
    o.environment = ProcessEnvironment.current()
    o.interactive = isatty(STDIN_FILENO) != 0 && isatty(STDERR_FILENO) != 0
    o.showProgress = isatty(STDERR_FILENO) != 0
    return o
  }
}
