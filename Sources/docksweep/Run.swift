import ArgumentParser
import DockSweep
import Foundation

/// `docksweep run`: run `-e` chunks, then a script file (or standard input), like `lua`.
struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run Lua chunks and a recipe file (the default command).",
    discussion: """
      Runs each -e CHUNK in order, then FILE with ARGS (FILE `-` or no FILE with a
      non-terminal standard input reads the script from standard input). With
      nothing to run and a terminal, opens the REPL; -i opens it after running.

      EXAMPLES
        docksweep run cleanup.lua 168h
        docksweep -e 'print(units.size(1.5e9))' -e 'print(#docker.images())'
        docksweep --dry-run run keep-latest.lua 3
      """)

  @OptionGroup var global: GlobalOptions

  @Option(
    name: .customShort("e"), help: ArgumentHelp("Run CHUNK (repeatable, in order, before FILE).", valueName: "CHUNK"))
  var chunks: [String] = []

  @Flag(name: .customShort("i"), help: "Open the REPL after running the chunks and FILE.")
  var interactive = false

  @Argument(parsing: .postTerminator, help: ArgumentHelp("The recipe file and its arguments.", valueName: "FILE ARGS"))
  var script: [String] = []

  func run() throws {
    let stdinIsTerminal = isatty(STDIN_FILENO) != 0
    if chunks.isEmpty && script.isEmpty && stdinIsTerminal {
      try Repl.start(global: global)
      return
    }
    let session = try Session(options: try global.sessionOptions())
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
