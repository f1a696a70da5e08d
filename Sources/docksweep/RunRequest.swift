import ArgumentParser
import DockSweep
import DockerEngine
import FoundationEssentials
import Glibc

/// What a `run` command line asks for: the chunks, the script with its
/// arguments, and the global settings. ``Run`` and ``QuickCommandLine`` both
/// produce one; ``execute()`` is the one place it is carried out.
struct RunRequest: Equatable {
  var settings = GlobalSettings()
  var chunks: [String] = []
  var interactive = false
  /// The script path (or `-`) followed by its arguments; empty for none.
  var script: [String] = []

  /// Runs each chunk, then the script (or standard input when it is not a
  /// terminal and nothing else was given); with nothing to run at a terminal,
  /// or with `-i`, opens the REPL.
  func execute() throws {
    let stdinIsTerminal = isatty(STDIN_FILENO) != 0
    if settings.isFleet {
      guard !(chunks.isEmpty && script.isEmpty && stdinIsTerminal), !interactive else {
        throw SessionError(.usage, "the REPL works on one engine; give -e or a script to run on several")
      }
      try executeOnFleet(stdinIsTerminal: stdinIsTerminal)
      return
    }
    if chunks.isEmpty && script.isEmpty && stdinIsTerminal {
      try Repl.start(settings: settings)
      return
    }
    let file = script.first
    let chunkSources = chunks.map { ScriptSource(text: $0) }
    var scriptSource: ScriptSource?
    if let file {
      scriptSource = file == "-" ? try ScriptSource.standardInput() : try ScriptSource.file(file)
    } else if chunks.isEmpty && !stdinIsTerminal {
      scriptSource = try ScriptSource.standardInput()
    }
    let sources = chunkSources + (scriptSource.map { [$0] } ?? [])
    var options = try settings.sessionOptions()
    // A run whose code names the docker module will talk to the engine: its connection and version
    // negotiation go on while Lua starts.
    options.connectEarly = sources.contains { $0.mentions("docker") }
    // Lua runs here, on the main thread, when its stack is as large as a session's Lua thread's.
    options.runsOnCallingThread = MainStack.isLarge
    let session = try Session(options: options)
    // The process ends with this run, whatever its outcome: its connections are left to the exit, and its
    // request threads end while the session closes instead of at the exit.
    defer {
      session.leaveConnectionsToExit()
      DetachedThread.keepsThreads = false
    }
    let interrupts = InterruptTrap(session.interruptHandle)
    defer { interrupts.restore() }
    // All on the session's Lua thread at once: one hand-over instead of one per step.
    try session.withLua { _ in
      session.setArguments(script: file ?? "", arguments: Array(script.dropFirst()))
      // Every chunk and the script are read and compiled before the first runs: an unreadable file or a
      // syntax error anywhere stops the run before any of its code acts on the engine.
      for source in sources { try session.check(source) }
      for source in chunkSources {
        try session.run(source)
      }
      if let scriptSource {
        try session.run(scriptSource, arguments: file == nil ? [] : Array(script.dropFirst()))
      }
    }
    if interactive {
      try Repl.loop(session: session)
    }
  }

  /// The chunks and the script on every engine named: one plan, one question, a summary.
  private func executeOnFleet(stdinIsTerminal: Bool) throws {
    var steps: [FleetRun.Step] = chunks.map { (ScriptSource(text: $0), []) }
    if let file = script.first {
      let source = file == "-" ? try ScriptSource.standardInput() : try ScriptSource.file(file)
      steps.append((source, Array(script.dropFirst())))
    } else if chunks.isEmpty && !stdinIsTerminal {
      steps.append((try ScriptSource.standardInput(), []))
    }
    try FleetCommand.run(steps, scriptName: script.first ?? "", settings: settings)
  }
}

/// Runs steps over the engines the command line names, exiting 1 when any engine failed.
enum FleetCommand {
  static func run(
    _ steps: [FleetRun.Step], scriptName: String, settings: GlobalSettings, options: SessionOptions? = nil
  ) throws {
    let options = try options ?? settings.sessionOptions()
    // Every chunk and script compiles before any engine is touched.
    let check = try Session(options: options, io: .silent)
    for step in steps { try check.check(step.source) }
    let fleet = FleetRun(engines: try settings.engines(), options: options)
    fleet.scriptName = scriptName
    // Ctrl-C and SIGTERM interrupt every engine's run (each finishes the requests it started); a second
    // signal ends the process.
    let signals = StopSignals { fleet.interrupt() }
    defer { signals.cancel() }
    let results = try fleet.run(steps)
    if !results.allSatisfy(\.ok) { throw ExitCode(1) }
  }
}
