import DockSweep
import Foundation

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
    if chunks.isEmpty && script.isEmpty && stdinIsTerminal {
      try Repl.start(settings: settings)
      return
    }
    let session = try Session(options: try settings.sessionOptions())
    let interrupts = InterruptTrap(session.interruptHandle)
    defer { interrupts.restore() }
    let file = script.first
    let chunkSources = chunks.map { ScriptSource(text: $0) }
    var scriptSource: ScriptSource?
    if let file {
      scriptSource = file == "-" ? try ScriptSource.standardInput() : try ScriptSource.file(file)
    } else if chunks.isEmpty && !stdinIsTerminal {
      scriptSource = try ScriptSource.standardInput()
    }
    // All on the session's Lua thread at once: one hand-over instead of one per step.
    try session.withLua { _ in
      session.setArguments(script: file ?? "", arguments: Array(script.dropFirst()))
      // Every chunk and the script are read and compiled before the first runs: an unreadable file or a
      // syntax error anywhere stops the run before anything touches the engine.
      for source in chunkSources + (scriptSource.map { [$0] } ?? []) { try session.check(source) }
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
}
