import ArgumentParser

/// Options every command accepts, before or after the subcommand or script.
struct GlobalOptions: ParsableArguments {
  @Flag(name: [.customShort("n"), .long], help: "Show what removals would do; remove nothing.")
  var dryRun = false

  @Flag(name: [.customShort("y"), .long], help: "Confirm bulk removals without asking (needed without a terminal).")
  var yes = false

  // Every value is the next word, whatever it starts with (a regex `-old$`, a chunk `-- note`), as lua.c
  // takes `-e`; ``QuickCommandLine`` reads values the same way.
  @Option(
    name: .long, parsing: .unconditionalSingleValue,
    help: ArgumentHelp("Never remove references matching REGEX, even with force (repeatable).", valueName: "REGEX"))
  var protect: [String] = []

  @Flag(name: .long, help: "Run without the sandbox: full Lua standard library and every Docker operation.")
  var trust = false

  @Option(
    name: .long, parsing: .unconditionalSingleValue,
    help: ArgumentHelp("Let docker.save write below DIR without --trust (repeatable).", valueName: "DIR"))
  var allowWrite: [String] = []

  @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Stop the run after SECONDS.", valueName: "SECONDS"))
  var timeout: Double?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp("Memory Lua may use, e.g. 256MB (default 512MB).", valueName: "SIZE"))
  var maxMemory: String?

  @Option(
    name: [.customShort("H"), .long], parsing: .unconditional,
    help: ArgumentHelp("Engine address (unix://PATH, tcp://HOST:PORT, ssh://HOST).", valueName: "HOST"))
  var host: String?

  @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("docker CLI context to use.", valueName: "NAME"))
  var context: String?

  /// Names of options that take a value, for ``ArgumentNormalizer``.
  static let valued: Set<String> = [
    "--protect", "--allow-write", "--timeout", "--max-memory", "-H", "--host", "--context",
  ]

  func validate() throws {
    try settings.validate()
  }

  /// The parsed values.
  var settings: GlobalSettings {
    GlobalSettings(
      dryRun: dryRun, yes: yes, protect: protect, trust: trust, allowWrite: allowWrite, timeout: timeout,
      maxMemory: maxMemory, host: host, context: context)
  }
}
