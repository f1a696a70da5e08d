import ArgumentParser
import DockSweep
import LuaBridge

/// The `docksweep` command: Docker cleanup as small Lua recipes.
struct Docksweep: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "docksweep",
    abstract: "Clean up Docker images and containers with small Lua recipes.",
    discussion: """
      docksweep runs Lua with a `docker` module bound to the Docker Engine API.
      Scripts run sandboxed unless --trust is given; removals of more than one
      object ask [y/N] at a terminal and need --yes without one.

      EXAMPLES
        docksweep                          open the REPL (at a terminal)
        docksweep -e 'print(docker.df())'  disk usage, as `docker system df`
        docksweep -n -e 'print(docker.images():match("^postgres:13"):remove())'
                                           show what a removal would do
        docksweep --yes cleanup.lua 168h   run a recipe file with an argument
        docksweep recipe                   list the bundled recipes
        docksweep recipe prune-older-than 168h --yes
        docksweep watch recipe keep-under 10GB --yes
                                           keep images under 10GB, unattended
        echo 'print(#docker.images())' | docksweep
                                           run a script from standard input
        docksweep types > docker.d.lua     editor definitions for recipes

      A script file may start with `#!/usr/bin/env docksweep`. Its arguments are
      `arg[1]`, `arg[2]`, ... and also `...`; `arg[0]` is the script.
      Exit status: 0 success, 1 the script failed or a removal had failures,
      2 usage, syntax or unreadable-file errors.
      """,
    version: Docksweep.version,
    subcommands: [Run.self, RecipeCommand.self, WatchCommand.self, Repl.self, Types.self],
    defaultSubcommand: Run.self
  )

  /// docksweep's version.
  static let version = "0.2.0"

  /// What `docksweep --version` prints: docksweep's version, the Lua release and the engine (waiting at
  /// most two seconds for it).
  static func versionText() throws -> String {
    let session = try Session(options: try GlobalSettings().sessionOptions(), io: .silent)
    return "docksweep \(version)\n\(LuaState.release)\n\(session.engineDescription(within: 2))"
  }

  /// Shown in `docksweep --help`; the subcommands parse them (see ``ArgumentNormalizer``).
  @OptionGroup(title: "Global options (before or after the subcommand)") var global: GlobalOptions
}
