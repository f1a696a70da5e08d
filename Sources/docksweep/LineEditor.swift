import CEditLine
import DockSweep
import DockerEngine
import DockerFormats
import FoundationEssentials
import Glibc

/// The SIGINT flag while waiting for a line; read after `readline` returns.
nonisolated(unsafe) private var promptInterrupted: sig_atomic_t = 0
/// The completion source libedit's C callback asks.
nonisolated(unsafe) private var completionSource: ((String) -> [String])?

/// Line editing through libedit's readline interface: cursor keys, Ctrl-A/E/K/U/W,
/// Ctrl-R history search; history in `$XDG_STATE_HOME/docksweep/history`,
/// appended line by line so two sessions lose nothing. Used only from the
/// thread that runs the session (unchecked `Sendable` so the session's
/// `ask` closure can hold it).
final class LineEditor: @unchecked Sendable {
  /// Set when the last `readLine` ended by Ctrl-C rather than end of input.
  var interrupted = false
  /// Completion candidates for the text before the cursor.
  var complete: ((String) -> [String])? {
    get { completionSource }
    set { completionSource = newValue }
  }
  let historyPath: String
  static let historyLimit = 1000

  /// Opens libedit (the first editor only) and loads the history; throws when libedit cannot be loaded.
  init(environment: [String: String] = ProcessEnvironment.current()) throws {
    if let failure = ds_el_open() {
      throw SessionError(.runtime, "the REPL needs libedit (Debian: libedit2): \(String(cString: failure))")
    }
    let state =
      environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
      ?? (HomeDirectory.path(environment: environment) + "/.local/state")
    historyPath = state + "/docksweep/history"
    try? FileManager.default.createDirectory(
      atPath: historyPath.parentDirectory, withIntermediateDirectories: true)
    Self.useUTF8Input()
    ds_el_configure("docksweep", ReplEngine.wordBreakCharacters)
    ds_el_stifle_history(Int32(Self.historyLimit))
    for entry in HistoryFile.entries(at: historyPath, limit: Self.historyLimit) { ds_el_add_history(entry) }
    ds_el_set_completer { _, _, end in
      guard let source = completionSource, let line = ds_el_line_buffer() else { return nil }
      // `end` counts characters (libedit edits wide characters), not bytes of the UTF-8 buffer.
      var before = String.UnicodeScalarView()
      before.append(contentsOf: String(cString: line).unicodeScalars.prefix(Int(end)))
      let candidates = source(String(before))
      guard let first = candidates.first else { return nil }
      // libedit free()s the array: [replacement for the word, candidates..., NULL].
      let common = candidates.dropFirst().reduce(first) { String(zip($0, $1).prefix { $0 == $1 }.map(\.0)) }
      typealias Entry = UnsafeMutablePointer<CChar>?
      guard let memory = malloc(MemoryLayout<Entry>.stride * (candidates.count + 2)) else { return nil }
      let array = memory.bindMemory(to: Entry.self, capacity: candidates.count + 2)
      array[0] = strdup(common)
      for (i, c) in candidates.enumerated() { array[i + 1] = strdup(c) }
      array[candidates.count + 1] = nil
      ds_el_completion_over()
      return array
    }
  }

  /// libedit decodes keystrokes with the C library's multibyte functions, which in the default "C" locale
  /// drop every non-ASCII byte (`"héllo"` would read as `"hllo"`). Takes LC_CTYPE from the environment, or
  /// C.UTF-8 when that is not UTF-8; must run before libedit starts.
  private static func useUTF8Input() {
    let fromEnvironment = setlocale(LC_CTYPE, "") != nil
    let codeset = nl_langinfo(nl_item(CODESET)).map { String(cString: $0) }
    if !fromEnvironment || codeset != "UTF-8" { _ = setlocale(LC_CTYPE, "C.UTF-8") }
  }

  /// Reads one line with `prompt`; nil at end of input or after Ctrl-C (see ``interrupted``).
  func readLine(prompt: String, addToHistory: Bool) -> String? {
    var action = sigaction()
    var previous = sigaction()
    action.__sigaction_handler.sa_handler = { _ in promptInterrupted = 1 }
    action.sa_flags = 0  // no SA_RESTART: Ctrl-C ends the read
    sigemptyset(&action.sa_mask)
    sigaction(SIGINT, &action, &previous)
    promptInterrupted = 0
    defer { sigaction(SIGINT, &previous, nil) }
    guard let raw = ds_el_readline(prompt) else {
      interrupted = promptInterrupted != 0
      return nil
    }
    defer { free(raw) }
    let line = String(cString: raw)
    if promptInterrupted != 0 {
      interrupted = true
      return nil
    }
    if addToHistory { remember(line) }
    return line
  }

  /// Adds an entry to the history and appends it to the history file. A multi-line input stays one entry
  /// with its line breaks, as `lua` keeps it: recalled, it runs as typed (a `--` comment ends its own line).
  func remember(_ entry: String) {
    guard !entry.trimmingWhitespace().isEmpty else { return }
    ds_el_add_history(entry)
    HistoryFile.append(entry, to: historyPath, limit: Self.historyLimit)
  }
}
