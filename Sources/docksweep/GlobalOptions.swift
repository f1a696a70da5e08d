import ArgumentParser
import DockSweep

/// Options every command accepts, before or after the subcommand or script. Names and help come from
/// ``OptionTable``.
struct GlobalOptions: ParsableArguments {
  @Flag(name: OptionTable.names("--dry-run"), help: OptionTable.help("--dry-run"))
  var dryRun = false

  @Flag(name: OptionTable.names("--yes"), help: OptionTable.help("--yes"))
  var yes = false

  @Flag(name: OptionTable.names("--quiet"), help: OptionTable.help("--quiet"))
  var quiet = false

  @Option(name: OptionTable.names("--format"), parsing: .unconditional, help: OptionTable.help("--format"))
  var format: String?

  // Every value is the next word, whatever it starts with (a regex `-old$`, a chunk `-- note`), as lua.c
  // takes `-e`; ``QuickCommandLine`` reads values the same way.
  @Option(name: OptionTable.names("--protect"), parsing: .unconditionalSingleValue, help: OptionTable.help("--protect"))
  var protect: [String] = []

  @Flag(name: OptionTable.names("--trust"), help: OptionTable.help("--trust"))
  var trust = false

  @Option(
    name: OptionTable.names("--allow-write"), parsing: .unconditionalSingleValue,
    help: OptionTable.help("--allow-write"))
  var allowWrite: [String] = []

  @Option(name: OptionTable.names("--timeout"), parsing: .unconditional, help: OptionTable.help("--timeout"))
  var timeout: Double?

  @Option(name: OptionTable.names("--idle-timeout"), parsing: .unconditional, help: OptionTable.help("--idle-timeout"))
  var idleTimeout: Double?

  @Option(name: OptionTable.names("--max-memory"), parsing: .unconditional, help: OptionTable.help("--max-memory"))
  var maxMemory: String?

  @Option(name: OptionTable.names("--host"), parsing: .unconditionalSingleValue, help: OptionTable.help("--host"))
  var host: [String] = []

  @Option(
    name: OptionTable.names("--context"), parsing: .unconditionalSingleValue, help: OptionTable.help("--context"))
  var context: [String] = []

  @Flag(name: OptionTable.names("--all-contexts"), help: OptionTable.help("--all-contexts"))
  var allContexts = false

  func validate() throws {
    if let format, OutputFormat(rawValue: format) == nil {
      throw ValidationError("--format must be text or json, got \"\(format)\"")
    }
    try settings.validate()
  }

  /// The parsed values.
  var settings: GlobalSettings {
    GlobalSettings(
      dryRun: dryRun, yes: yes, quiet: quiet, protect: protect, trust: trust, allowWrite: allowWrite, timeout: timeout,
      idleTimeout: idleTimeout,
      maxMemory: maxMemory, hosts: host, contexts: context, allContexts: allContexts,
      format: format.flatMap(OutputFormat.init(rawValue:)) ?? .text)
  }
}

extension OptionTable {
  /// The names of the option whose long name is `long`, for swift-argument-parser.
  static func names(_ long: String) -> NameSpecification { entry(long)!.nameSpecification }

  /// The help of the option whose long name is `long`.
  static func help(_ long: String) -> ArgumentHelp { entry(long)!.argumentHelp }
}
