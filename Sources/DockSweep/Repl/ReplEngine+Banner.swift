import FoundationEssentials

extension ReplEngine {
  /// How long the REPL's own engine calls (the banner, completing names) wait for an answer.
  static let engineWait: Double = 3

  /// The first lines of the session: Lua mode, the engine it talks to and how to get help. Never waits
  /// longer than ``engineWait``: an engine that is missing or does not answer is named, not waited for.
  ///
  /// ```
  /// docksweep (Lua 5.4, sandboxed) — Docker Engine 20.10.24 (API 1.41) at unix:///var/run/docker.sock
  /// Type help() for the API, Ctrl-D to leave.
  /// ```
  public func banner() -> String {
    (try? session.luaThread.perform { bannerHere() }) ?? ""
  }

  private func bannerHere() -> String {
    let mode = session.options.trusted ? "trusted" : "sandboxed"
    let engine = session.engineDescription(within: Self.engineWait)
    return "docksweep (Lua 5.4, \(mode)) — \(engine)\nType help() for the API, Ctrl-D to leave."
  }
}
