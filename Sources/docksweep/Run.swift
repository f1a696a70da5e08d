import ArgumentParser

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
    name: .customShort("e"), parsing: .unconditionalSingleValue,
    help: ArgumentHelp("Run CHUNK (repeatable, in order, before FILE).", valueName: "CHUNK"))
  var chunks: [String] = []

  @Flag(name: .customShort("i"), help: "Open the REPL after running the chunks and FILE.")
  var interactive = false

  @Argument(parsing: .postTerminator, help: ArgumentHelp("The recipe file and its arguments.", valueName: "FILE ARGS"))
  var script: [String] = []

  func run() throws {
    try request.execute()
  }

  /// The parsed command line.
  var request: RunRequest {
    RunRequest(settings: global.settings, chunks: chunks, interactive: interactive, script: script)
  }
}
