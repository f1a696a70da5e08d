import DockerEngine
import DockerFormats
import FoundationEssentials
import LinearRegex
import LuaBridge

/// What keeps people's images alive: protect patterns (flag, file and
/// `docker.protect`), confirmation of bulk removals, and failures a script
/// left unhandled. A script can add protection but never remove it, and
/// cannot answer a confirmation itself.
final class SafetyPolicy {
  struct Pattern {
    let source: String
    let origin: String
    let regex: RegularExpression
  }

  private(set) var patterns: [Pattern] = []
  let options: SessionOptions
  private var reports: [ReportObject] = []

  init(options: SessionOptions) {
    self.options = options
  }

  /// Loads `--protect` patterns and the protect file. Fails naming the bad pattern and where it came from.
  func load() throws {
    for p in options.protectPatterns { try add(p, origin: "--protect") }
    let file = Self.protectFile(environment: options.environment)
    if let text = FileContents.text(atPath: file) {
      for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        let trimmed = line.trimmingWhitespace()
        if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
        try add(trimmed, origin: "\(file):\(n + 1)")
      }
    }
  }

  /// `$XDG_CONFIG_HOME/docksweep/protect`, default `~/.config/docksweep/protect`.
  static func protectFile(environment: [String: String]) -> String {
    let base =
      environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
      ?? (HomeDirectory.path(environment: environment) + "/.config")
    return base + "/docksweep/protect"
  }

  /// Adds a protect pattern.
  func add(_ source: String, origin: String) throws {
    do {
      let regex = try RegularExpression(source)
      patterns.append(Pattern(source: source, origin: origin, regex: regex))
    } catch {
      throw SessionError(.usage, "invalid protect pattern \"\(source)\" (\(origin)): \(error)")
    }
  }

  /// Why matching a pattern must stop now (the session's limits); set by the session.
  var limit: () -> (any Error)? = { nil }

  /// The reason `names` are protected (the first that matches a pattern), or nil.
  /// - Throws: the reason ``limit`` gave when a pattern took too long.
  func protection(of names: [String]) throws -> String? {
    for name in names {
      for p in patterns where try p.regex.matches(name, limit: limit) {
        return "protected: \(name) matches \"\(p.source)\" (\(p.origin))"
      }
    }
    return nil
  }

  /// Asks the person before removing (or stopping, `verb`) `count` objects, described by `what` ("3 images").
  /// Dry runs and single objects need no answer.
  /// - Throws: a refusal naming `--yes` without a terminal, or `cancelled` when the answer is not y.
  func confirm(count: Int, what: String, verb: String = "remove", plan: [String], io: SessionIO) throws {
    guard count > 1, !options.dryRun, !options.assumeYes else { return }
    guard options.interactive else {
      throw LuaRuntimeError(
        "refusing to \(verb) \(what) without confirmation: no terminal to ask; run with --yes to confirm, or --dry-run to see the plan"
      )
    }
    var text = "The following \(what) will be \(verb == "stop" ? "stopped" : "removed"):\n"
    for line in plan.prefix(50) { text += "  \(line)\n" }
    if plan.count > 50 { text += "  ... and \(plan.count - 50) more\n" }
    io.writeError(text)
    let answer = io.ask("Are you sure you want to continue? [y/N] ")
    guard let answer, answer.trimmingWhitespace().lowercased() == "y" else {
      throw LuaRuntimeError("cancelled: nothing was removed")
    }
  }

  /// Remembers a report handed to Lua so that failures it leaves unhandled fail the run.
  func track(_ report: ReportObject) {
    if !report.report.failed.isEmpty { reports.append(report) }
  }

  /// A message about failures no script looked at, or nil: what failed, and what those removals did
  /// remove. Clears what it reports.
  func unhandledFailures() -> String? {
    let open = reports.filter { !$0.handled }
    reports.removeAll()
    let failures = open.flatMap(\.report.failed)
    guard !failures.isEmpty else { return nil }
    let done = open.reduce(0) { $0 + $1.report.actedOn }
    var lines = [
      "\(failures.count) removal\(failures.count == 1 ? "" : "s") failed"
        + " (\(done) other item\(done == 1 ? " was" : "s were") removed); read report.failed in the recipe to handle them:"
    ]
    for f in failures.prefix(10) { lines.append("  \(f.target): \(f.error)") }
    if failures.count > 10 { lines.append("  ... and \(failures.count - 10) more") }
    return lines.joined(separator: "\n")
  }
}
