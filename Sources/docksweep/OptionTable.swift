import ArgumentParser
import DockSweep

/// The global options, declared once: their names, what their value is called, one line of help and
/// where a value lands in ``GlobalSettings``. ``GlobalOptions`` (swift-argument-parser) takes its names
/// and help from here; ``QuickCommandLine`` (the fast path for everyday runs) and
/// ``ArgumentNormalizer`` read the table directly. Adding a global option is one entry here, one
/// property in ``GlobalOptions`` and one field in ``GlobalSettings``; a test holds the two parsers to
/// the same reading.
enum OptionTable {
  struct Entry: Sendable {
    /// The long name first: `--dry-run`, then `-n`.
    let names: [String]
    /// The value's name in help (`REGEX`); nil for a flag.
    let valueName: String?
    /// Whether the option may be given more than once.
    let repeatable: Bool
    let help: String
    /// Stores a flag (value nil) or a value; false when the value is not one the option takes.
    let apply: @Sendable (inout GlobalSettings, String?) -> Bool

    var long: String { names[0] }

    /// The names for swift-argument-parser.
    var nameSpecification: NameSpecification {
      NameSpecification(
        names.map { name -> NameSpecification.Element in
          name.hasPrefix("--") ? .customLong(String(name.dropFirst(2))) : .customShort(name.last!)
        })
    }

    var argumentHelp: ArgumentHelp { ArgumentHelp(help, valueName: valueName) }
  }

  static let global: [Entry] = [
    Entry(
      names: ["--dry-run", "-n"], valueName: nil, repeatable: false,
      help: "Show what removals would do; remove nothing."
    ) {
      s, _ in
      s.dryRun = true
      return true
    },
    Entry(
      names: ["--yes", "-y"], valueName: nil, repeatable: false,
      help: "Confirm bulk removals without asking (needed without a terminal)."
    ) { s, _ in
      s.yes = true
      return true
    },
    Entry(
      names: ["--quiet", "-q"], valueName: nil, repeatable: false,
      help: "Show only what the script prints: no report of removals it did not print itself."
    ) { s, _ in
      s.quiet = true
      return true
    },
    Entry(
      names: ["--format"], valueName: "FORMAT", repeatable: false,
      help: "How print shows lists, reports and disk usage: text (the default) or json (one document a line)."
    ) { s, v in
      guard let v, let format = OutputFormat(rawValue: v) else { return false }
      s.format = format
      return true
    },
    Entry(
      names: ["--protect"], valueName: "REGEX", repeatable: true,
      help: "Never remove references matching REGEX, even with force (repeatable)."
    ) { s, v in
      s.protect.append(v ?? "")
      return true
    },
    Entry(
      names: ["--trust"], valueName: nil, repeatable: false,
      help: "Run without the sandbox: full Lua standard library and every Docker operation."
    ) { s, _ in
      s.trust = true
      return true
    },
    Entry(
      names: ["--allow-write"], valueName: "DIR", repeatable: true,
      help: "Let docker.save write below DIR without --trust (repeatable)."
    ) { s, v in
      s.allowWrite.append(v ?? "")
      return true
    },
    Entry(names: ["--timeout"], valueName: "SECONDS", repeatable: false, help: "Stop the run after SECONDS.") { s, v in
      guard let seconds = v.flatMap(Double.init) else { return false }
      s.timeout = seconds
      return true
    },
    Entry(
      names: ["--idle-timeout"], valueName: "SECONDS", repeatable: false,
      help: "Fail an engine request that makes no progress for SECONDS (default 120; 0: never)."
    ) { s, v in
      guard let seconds = v.flatMap(Double.init), seconds >= 0 else { return false }
      s.idleTimeout = seconds
      return true
    },
    Entry(
      names: ["--max-memory"], valueName: "SIZE", repeatable: false,
      help: "Memory Lua may use, e.g. 256MB (default 512MB)."
    ) { s, v in
      s.maxMemory = v
      return true
    },
    Entry(
      names: ["--host", "-H"], valueName: "HOST", repeatable: true,
      help: "Engine address (unix://PATH, tcp://HOST:PORT, ssh://HOST); repeat it to run on several engines."
    ) { s, v in
      s.hosts.append(v ?? "")
      return true
    },
    Entry(
      names: ["--context"], valueName: "NAME", repeatable: true,
      help: "docker CLI context to use; repeat it to run on several engines."
    ) { s, v in
      s.contexts.append(v ?? "")
      return true
    },
    Entry(
      names: ["--all-contexts"], valueName: nil, repeatable: false,
      help: "Run on the engine of every context the docker CLI has stored (all plans first, one question)."
    ) { s, _ in
      s.allContexts = true
      return true
    },
  ]

  /// The entry one of whose names is `name`.
  static func entry(_ name: String) -> Entry? {
    global.first { $0.names.contains(name) }
  }

  /// Whether `name` names an option that takes a value.
  static func takesValue(_ name: String) -> Bool { entry(name)?.valueName != nil }
}
