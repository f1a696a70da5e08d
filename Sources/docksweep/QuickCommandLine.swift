/// A parser for the everyday `run` command lines that skips swift-argument-parser's reflection, a third of
/// docksweep's start-up time. It accepts only what it understands completely: the flags and options of `run` and
/// the global options, each at most once (the repeatable ones any number of times), values as the next word
/// (whatever it starts with, as the full parser is told to take them) or after `=` on a long option, and the `--`
/// that ``ArgumentNormalizer`` puts before the script. For anything else (help, version, subcommands other than
/// `run`, unknown or clustered options, an empty `--option=`, a value that fails validation) it returns nil and the
/// full parser takes the command line, errors included.
/// A test holds both parsers to the same ``RunRequest`` wherever no value starts with `-`; for such values
/// swift-argument-parser, even told to take the next word unconditionally, may read it as an option instead.
enum QuickCommandLine {
  /// The request a normalized command line asks for, or nil when the full parser must decide.
  static func runRequest(_ arguments: [String]) -> RunRequest? {
    guard arguments.first == "run" else { return nil }
    var request = RunRequest()
    // The options given so far that may be given once, by one name each. (Plain arrays and a switch keep
    // hashing, and the runtime type lookups its first use costs, out of start-up.)
    var given: [String] = []
    func once(_ option: String) -> Bool {
      if given.contains(option) { return false }
      given.append(option)
      return true
    }
    var i = arguments.index(after: arguments.startIndex)
    while i < arguments.endIndex {
      let token = arguments[i]
      i += 1
      if token == "--" {
        request.script = Array(arguments[i...])
        break
      }
      var name = token
      var inline: String?
      if token.hasPrefix("--"), let equals = token.firstIndex(of: "=") {
        name = String(token[..<equals])
        inline = String(token[token.index(after: equals)...])
      }
      /// The option's value: after `=`, or the next word, whatever it starts with (as lua.c takes `-e`), but not
      /// the `--` that separates the script.
      func value() -> String? {
        if let inline { return inline.isEmpty ? nil : inline }
        guard i < arguments.endIndex, arguments[i] != "--" else { return nil }
        defer { i += 1 }
        return arguments[i]
      }
      /// A flag of `run` given once, without a value.
      func flag(_ option: String) -> Bool { inline == nil && once(option) }
      switch name {
      case "-i":
        guard flag("-i") else { return nil }
        request.interactive = true
      case "-e":
        guard let chunk = value() else { return nil }
        request.chunks.append(chunk)
      default:
        guard let option = OptionTable.entry(name) else { return nil }
        if !option.repeatable && !once(option.long) { return nil }
        if option.valueName == nil {
          guard inline == nil, option.apply(&request.settings, nil) else { return nil }
        } else {
          guard let text = value(), option.apply(&request.settings, text) else { return nil }
        }
      }
    }
    guard (try? request.settings.validate()) != nil else { return nil }
    return request
  }
}
