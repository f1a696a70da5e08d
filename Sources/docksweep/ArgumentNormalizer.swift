import DockSweep

/// Rewrites the command line so that swift-argument-parser sees a subcommand
/// first: global options may come before it (`docksweep --yes run f.lua`),
/// and a script path or `-e` alone means `run` (`docksweep f.lua`, as a
/// `#!/usr/bin/env docksweep` line runs it). Everything from the script on
/// belongs to the script, options included.
enum ArgumentNormalizer {
  static let subcommands: Set<String> = ["run", "recipe", "watch", "repl", "types", "help"]
  /// Options of `run` itself that take a value.
  static let runValued = ["-e"]

  /// `arguments` without the program name, rewritten.
  static func normalize(_ arguments: [String]) -> [String] {
    // swift-argument-parser's own root options (the manual page and the shell completions are made with
    // them) go to it as they are.
    if let first = arguments.first,
      first == "--experimental-dump-help" || first.hasPrefix("--generate-completion-script")
    {
      return arguments
    }
    let (leading, rest) = splitOptions(arguments[...])
    let rootOnly: Set<String> = ["-h", "--help", "--version"]
    guard let first = rest.first else {
      if leading.isEmpty || leading.allSatisfy(rootOnly.contains) { return leading }
      return ["run"] + leading
    }
    if first != "run", subcommands.contains(first) { return [first] + leading + rest.dropFirst() }
    var tail = rest
    if first == "run" { tail = rest.dropFirst() }
    let (more, script) = splitOptions(tail)
    let positional = script.first == "--" ? Array(script.dropFirst()) : Array(script)
    return ["run"] + leading + more + (positional.isEmpty ? [] : ["--"] + positional)
  }

  /// The `--format` a normalized command line asks for (text when none, or when its value is not a format),
  /// for the errors written before or without a parsed command line.
  static func format(of arguments: [String]) -> OutputFormat {
    var i = arguments.startIndex
    while i < arguments.endIndex, arguments[i] != "--" {
      if arguments[i] == "--format", i + 1 < arguments.endIndex {
        return OutputFormat(rawValue: arguments[i + 1]) ?? .text
      }
      if arguments[i].hasPrefix("--format=") {
        return OutputFormat(rawValue: String(arguments[i].dropFirst(9))) ?? .text
      }
      i += 1
    }
    return .text
  }

  /// Leading options (with their values) and what follows them.
  static func splitOptions(_ tokens: ArraySlice<String>) -> (options: [String], rest: ArraySlice<String>) {
    var options: [String] = []
    var i = tokens.startIndex
    while i < tokens.endIndex {
      let a = tokens[i]
      guard a.hasPrefix("-"), a != "-", a != "--" else { break }
      options.append(a)
      if (OptionTable.takesValue(a) || runValued.contains(a)) && !a.contains("="), i + 1 < tokens.endIndex {
        options.append(tokens[i + 1])
        i += 2
      } else {
        i += 1
      }
    }
    return (options, tokens[i...])
  }
}
