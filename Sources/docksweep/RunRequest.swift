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
    session.setArguments(script: file ?? "", arguments: Array(script.dropFirst()))
    for chunk in chunks {
      try session.run(ScriptSource(text: chunk))
    }
    if let file {
      let source = file == "-" ? try ScriptSource.standardInput() : try ScriptSource.file(file)
      try session.run(source, arguments: Array(script.dropFirst()))
    } else if chunks.isEmpty && !stdinIsTerminal {
      try session.run(try ScriptSource.standardInput())
    }
    if interactive {
      try Repl.loop(session: session)
    }
  }
}
