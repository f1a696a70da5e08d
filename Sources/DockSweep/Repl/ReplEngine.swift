import LuaBridge

/// The REPL without a terminal: lines in, text out. Follows lua.c: a line is
/// first tried as `return <line>` (a leading `=` means `return`); a chunk whose
/// syntax error ends at `<eof>` waits for more lines; results print
/// tab-separated through `tostring`; errors print with their traceback and the
/// session goes on. Each complete input is its own chunk, so `local`s end with
/// it, as in `lua`; globals persist.
public final class ReplEngine {
  /// What became of one line.
  public enum Outcome: Equatable, Sendable {
    /// The input is incomplete: show the continuation prompt and read another line.
    case needsMore
    /// The input ran; `output` is what to show (results or the error), possibly empty.
    /// `entry` is the complete input as it compiled, for history.
    case done(output: String, entry: String)
  }

  let session: Session
  private var buffer: [String] = []

  /// A REPL over `session`'s Lua state.
  public init(session: Session) {
    self.session = session
  }

  /// The prompt to show next: `_PROMPT` / `_PROMPT2` if set, else `> ` and `>> `.
  public var prompt: String {
    (try? session.luaThread.perform { promptHere }) ?? "> "
  }

  private var promptHere: String {
    let name = buffer.isEmpty ? "_PROMPT" : "_PROMPT2"
    if let custom = session.lua.global(name).stringValue { return custom }
    return buffer.isEmpty ? "> " : ">> "
  }

  /// Whether a multi-line input is being collected.
  public var isContinuing: Bool { !buffer.isEmpty }

  /// Drops a partly typed multi-line input (Ctrl-C at the prompt).
  public func reset() { buffer.removeAll() }

  /// Feeds one line; runs it on the session's Lua thread once the input is complete.
  public func submit(_ line: String) -> Outcome {
    (try? session.luaThread.perform { submitHere(line) }) ?? .done(output: "", entry: line)
  }

  private func submitHere(_ line: String) -> Outcome {
    var text = line
    if buffer.isEmpty, text.hasPrefix("=") { text = "return " + text.dropFirst() }
    buffer.append(text)
    let chunk = buffer.joined(separator: "\n")
    let lua = session.lua
    let base = lua.stack.top
    defer { lua.stack.top = base }

    if buffer.count == 1, (try? lua.load(Array(("return " + chunk).utf8), name: "=stdin")) != nil {
      buffer.removeAll()
      return .done(output: execute(base: base), entry: chunk)
    }
    do {
      try lua.load(Array(chunk.utf8), name: "=stdin")
    } catch let e as LuaError {
      if e.kind == .syntax && e.message.hasSuffix("<eof>") { return .needsMore }
      buffer.removeAll()
      return .done(output: e.message + "\n", entry: chunk)
    } catch {
      buffer.removeAll()
      return .done(output: "\(error)\n", entry: chunk)
    }
    buffer.removeAll()
    return .done(output: execute(base: base), entry: chunk)
  }

  /// Runs the function on top of the stack; renders its results or error.
  private func execute(base: Int32) -> String {
    let lua = session.lua
    do {
      let n = try lua.pcall(arguments: 0)
      // A Ctrl-C the count hook did not get to raise belongs to this input, not to the next one.
      if session.interruptHandle.consume() {
        return session.takeUnshownReports() + "interrupted!\n" + session.takeFailureNotice()
      }
      guard n > 0 else { return session.takeUnshownReports() + session.takeFailureNotice() }
      var parts: [String] = []
      for i in 0..<n { parts.append(ValuePrinter.render(stack: lua.stack, index: base + 1 + i)) }
      return parts.joined(separator: "\t") + "\n" + session.takeUnshownReports() + session.takeFailureNotice()
    } catch let e as LuaError {
      return session.takeUnshownReports() + e.message + "\n"
    } catch {
      return session.takeUnshownReports() + "\(error)\n"
    }
  }
}
