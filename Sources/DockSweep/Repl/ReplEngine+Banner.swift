import DockerEngine
import Foundation

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
    let engineLine: String
    do {
      let address = try session.engine.get().address
      switch try session.engine.call(within: Self.engineWait, { client in try await client.version() }) {
      case .some(let v): engineLine = "Docker Engine \(v.version) (API \(v.apiVersion)) at \(address)"
      case .none: engineLine = "the engine at \(address) does not answer (waited \(Int(Self.engineWait))s)"
      }
    } catch let e as DockerError {
      engineLine = "no engine: \(e)"
    } catch {
      engineLine = "no engine: \(error)"
    }
    return "docksweep (Lua 5.4, \(mode)) — \(engineLine)\nType help() for the API, Ctrl-D to leave."
  }
}
