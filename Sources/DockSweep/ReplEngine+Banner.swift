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
    let mode = session.options.trusted ? "trusted" : "sandboxed"
    let engineLine: String
    do {
      let address = try session.engine.get().address
      switch try engineCall({ client in try await client.version() }) {
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

  /// Runs `work` with the session's client and waits at most ``engineWait`` for it: nil when the time runs
  /// out (the work finishes in the background). For the REPL's own calls, never for the person's code.
  func engineCall<T: Sendable>(_ work: @escaping @Sendable (DockerClient) async throws -> T) throws -> T? {
    let client = try session.engine.get()
    let box = BoundedResult<T>()
    let done = DispatchSemaphore(value: 0)
    Task.detached {
      do {
        box.set(.success(try await work(client)))
      } catch {
        box.set(.failure(error))
      }
      done.signal()
    }
    guard done.wait(timeout: .now() + Self.engineWait) == .success else { return nil }
    return try box.get()?.get()
  }
}

/// The result of a bounded engine call, handed from its task to the waiting thread under a lock
/// (the waiter may give up before the task writes).
private final class BoundedResult<T: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var result: Result<T, any Error>?

  func set(_ value: Result<T, any Error>) {
    lock.withLock { result = value }
  }

  func get() -> Result<T, any Error>? {
    lock.withLock { result }
  }
}
