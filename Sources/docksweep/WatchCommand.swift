import ArgumentParser
import Dispatch
import DockSweep
import DockerEngine
import DockerFormats
import FoundationEssentials

/// `docksweep watch RECIPE-or-FILE [ARGS] --every 10m`: the unattended agent.
struct WatchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "watch",
    abstract: "Run a recipe unattended: at start, when a new image appears, and at each interval.",
    discussion: """
      The recipe is a file, or a name from `docksweep recipe` (also written
      `watch recipe NAME`). It runs at start, whenever an image is pulled, loaded,
      imported or tagged on the engine (what builds and pulls do), and every
      --every; never two runs at once (what happens during a run makes one more
      run). docksweep follows the engine's events, remembering when each image
      was last used, and keeps following across engine restarts (it reconnects,
      re-scans and says so). Each action is one line on standard error with an
      RFC 3339 timestamp. SIGTERM or Ctrl-C lets the run in flight finish the
      requests it started, then exits 0.

      Nobody is there to confirm: watch needs --yes, or --dry-run to log plans.

      EXAMPLES
        docksweep watch recipe keep-under 10GB --yes
                                 keep images under 10GB by least recent use
        docksweep watch recipe kubelet-gc 85% 80% --yes --every 5m
        docksweep watch budget.lua --yes --metrics-file \\
            /var/lib/node_exporter/textfile/docksweep.prom
        docksweep watch --dry-run recipe keep-under 80%   log what it would do

      A systemd unit:
        [Service]
        ExecStart=/usr/local/bin/docksweep watch recipe keep-under 20GB --yes
        Restart=on-failure
      """)

  @OptionGroup var global: GlobalOptions

  @Option(
    name: .long, help: ArgumentHelp("Time between runs when nothing happens (30s, 10m, 1h).", valueName: "DURATION"))
  var every = "10m"

  @Option(
    name: .customLong("log-format"),
    help: ArgumentHelp("text, or json for one JSON object per line.", valueName: "FORMAT"))
  var logFormat = "text"

  @Option(
    name: .customLong("metrics-file"),
    help: ArgumentHelp(
      "Write Prometheus metrics here after each run (node_exporter's textfile collector).", valueName: "PATH"))
  var metricsFile: String?

  @Argument(
    parsing: .allUnrecognized,
    help: ArgumentHelp("The recipe (a file or a recipe name) and its arguments.", valueName: "RECIPE ARGS"))
  var words: [String] = []

  func validate() throws {
    guard WatchLog.Format(rawValue: logFormat) != nil else {
      throw ValidationError("--log-format must be text or json, got \"\(logFormat)\"")
    }
    _ = try interval()
  }

  /// `--every` in seconds.
  func interval() throws -> TimeInterval {
    guard let nanos = try? GoDuration.parse(every, allowDaysAndWeeks: true), nanos >= 1_000_000_000 else {
      throw ValidationError("--every must be a duration of at least 1s such as 30s, 10m or 1h, got \"\(every)\"")
    }
    return TimeInterval(nanos) / 1e9
  }

  func run() throws {
    var words = self.words[...]
    if words.first == "recipe" { words = words.dropFirst() }
    guard let name = words.first else {
      throw ValidationError("watch needs a recipe: a file, or a name from `docksweep recipe`")
    }
    guard global.yes || global.dryRun else {
      throw ValidationError(
        "watch removes without asking: give --yes to allow it, or --dry-run to only log what it would do")
    }
    guard !global.settings.isFleet else {
      throw ValidationError("watch follows one engine: run one watch per engine (on each node, as an agent)")
    }
    var options = try global.settings.sessionOptions()
    options.interactive = false
    let source: ScriptSource
    let scriptName: String
    if self.words.first != "recipe", FileManager.default.fileExists(atPath: name) {
      source = try ScriptSource.file(name)
      scriptName = name
    } else {
      let environment = ProcessEnvironment.current()
      guard let recipe = RecipeLibrary.named(name, environment: environment) else {
        let names = RecipeLibrary.all(environment: environment).map(\.name)
        throw ValidationError(
          "no file or recipe named '\(name)'; `docksweep recipe` lists them: \(names.joined(separator: ", "))")
      }
      let header = recipe.header
      if let usage = header.usage, words.count - 1 < header.requiredArguments {
        throw SessionError(.usage, "usage: \(usage)")
      }
      try RecipePermissions.grant(header, recipe: recipe, to: &options)
      source = ScriptSource(text: recipe.source, chunkName: "=" + recipe.name + ".lua")
      scriptName = "recipe:" + recipe.name
    }
    var configuration = Watcher.Configuration(
      source: source, scriptName: scriptName, arguments: Array(words.dropFirst()), interval: try interval(),
      options: options)
    configuration.metricsFile = metricsFile
    let log = WatchLog(format: WatchLog.Format(rawValue: logFormat)!, write: { SessionIO.standard.writeError($0) })
    let watcher = Watcher(configuration, log: log)
    let signals = StopSignals { watcher.stop() }
    defer { signals.cancel() }
    let finished = DispatchSemaphore(value: 0)
    let outcome = Outcome()
    Task.detached {
      do {
        try await watcher.run()
      } catch {
        outcome.error = error
      }
      finished.signal()
    }
    finished.wait()
    if let error = outcome.error { throw SessionError(.runtime, "\(error)") }
  }
}

/// The watcher's end, handed from its task to the main thread.
private final class Outcome: @unchecked Sendable {
  var error: (any Error)?
}
