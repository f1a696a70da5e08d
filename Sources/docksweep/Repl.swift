import ArgumentParser
import DockSweep
import FoundationEssentials
import Glibc

/// `docksweep repl`: the interactive session.
struct Repl: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Open the interactive Lua session against the engine (the default at a terminal).",
    discussion: """
      Lines are Lua. An expression prints its value (`docker.images()` prints a
      table); `=expr` is short for `return expr`; an incomplete statement
      continues on a `>>` prompt. `help()` lists the API. Ctrl-C interrupts
      running code or clears the line; Ctrl-D leaves. History is kept in
      $XDG_STATE_HOME/docksweep/history. Locals last for one input, as in `lua`:
      use globals to keep values between lines.
      """)

  @OptionGroup var global: GlobalOptions

  func run() throws {
    try Self.start(settings: global.settings)
  }

  /// Builds an interactive session and runs the loop.
  static func start(settings: GlobalSettings) throws {
    var options = try settings.sessionOptions()
    options.interactive = isatty(STDIN_FILENO) != 0
    let editor = try LineEditor()
    let io = SessionIO(
      write: SessionIO.standard.write, writeError: SessionIO.standard.writeError,
      ask: { question in
        let answer = editor.readLine(prompt: question, addToHistory: false)
        // Ctrl-C or Ctrl-D leave the cursor after the question: end its line.
        if answer == nil { SessionIO.standard.write("\n") }
        return answer
      })
    let session = try Session(options: options, io: io)
    try loop(session: session, editor: editor)
  }

  /// Reads, evaluates and prints until end of input. One interrupt trap lives as long as the loop,
  /// armed only while an input runs, so a Ctrl-C between inputs (while output is written) never ends
  /// the process.
  static func loop(session: Session) throws {
    try loop(session: session, editor: try LineEditor())
  }

  /// The loop over `editor`.
  static func loop(session: Session, editor: LineEditor) throws {
    let engine = ReplEngine(session: session)
    editor.complete = { text in engine.completions(for: text) }
    let trap = InterruptTrap(session.interruptHandle)
    defer { trap.restore() }
    trap.disarm()
    session.io.write(engine.banner() + "\n")
    while true {
      editor.interrupted = false
      guard let line = editor.readLine(prompt: engine.prompt, addToHistory: false) else {
        if editor.interrupted {
          engine.reset()
          session.io.write("\n")
          continue
        }
        session.io.write("\n")
        return
      }
      trap.arm()
      let outcome = engine.submit(line)
      trap.disarm()
      if case .done(let output, let entry) = outcome {
        editor.remember(entry)
        session.io.write(output)
      }
    }
  }
}
