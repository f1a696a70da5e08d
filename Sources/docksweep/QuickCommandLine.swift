/// A parser for the everyday `run` command lines that skips swift-argument-parser's reflection, a third of
/// docksweep's start-up time. It accepts only what it understands completely: the flags and options of `run` and
/// the global options, each at most once (the repeatable ones any number of times), values as the next word or
/// after `=` on a long option, and the `--` that ``ArgumentNormalizer`` puts before the script. For anything else
/// (help, version, subcommands other than `run`, unknown or clustered options, a value that starts with `-`, a
/// value that fails validation) it returns nil and the full parser takes the command line, errors included.
/// A test holds both parsers to the same ``RunRequest``.
enum QuickCommandLine {
  /// Flags, by every name they have.
  static let flags: [Substring: WritableKeyPath<RunRequest, Bool> & Sendable] = [
    "-n": \.settings.dryRun, "--dry-run": \.settings.dryRun, "-y": \.settings.yes, "--yes": \.settings.yes,
    "--trust": \.settings.trust, "-i": \.interactive,
  ]
  /// Repeatable options, each value appended.
  static let lists: [Substring: WritableKeyPath<RunRequest, [String]> & Sendable] = [
    "-e": \.chunks, "--protect": \.settings.protect, "--allow-write": \.settings.allowWrite,
  ]
  /// Options given at most once.
  static let singles: [Substring: WritableKeyPath<RunRequest, String?> & Sendable] = [
    "--max-memory": \.settings.maxMemory, "-H": \.settings.host, "--host": \.settings.host,
    "--context": \.settings.context,
  ]

  /// The request a normalized command line asks for, or nil when the full parser must decide.
  static func runRequest(_ arguments: [String]) -> RunRequest? {
    guard arguments.first == "run" else { return nil }
    var request = RunRequest()
    var seen: Set<AnyKeyPath> = []
    var i = arguments.index(after: arguments.startIndex)
    while i < arguments.endIndex {
      let token = arguments[i]
      i += 1
      if token == "--" {
        request.script = Array(arguments[i...])
        break
      }
      var name = token[...]
      var inline: String?
      if token.hasPrefix("--"), let equals = token.firstIndex(of: "=") {
        name = token[..<equals]
        inline = String(token[token.index(after: equals)...])
      }
      /// The option's value: after `=`, or the next word when that is not option-like.
      func value() -> String? {
        if let inline { return inline.isEmpty ? nil : inline }
        guard i < arguments.endIndex, !arguments[i].hasPrefix("-") else { return nil }
        defer { i += 1 }
        return arguments[i]
      }
      if let list = lists[name] {
        guard let v = value() else { return nil }
        request[keyPath: list].append(v)
      } else if let flag = flags[name] {
        guard inline == nil, seen.insert(flag).inserted else { return nil }
        request[keyPath: flag] = true
      } else if let single = singles[name] {
        guard seen.insert(single).inserted, let v = value() else { return nil }
        request[keyPath: single] = v
      } else if name == "--timeout" {
        guard request.settings.timeout == nil, let v = value(), let seconds = Double(v) else { return nil }
        request.settings.timeout = seconds
      } else {
        return nil
      }
    }
    guard (try? request.settings.validate()) != nil else { return nil }
    return request
  }
}
