import Dispatch
import FoundationEssentials
import Glibc
import NIOConcurrencyHelpers

/// Waits on the session's Lua thread for engine work running on the session's executor.
///
/// The Lua thread must not return to Lua until the work is done, so it waits; the work's task and
/// all its children prefer the ``SessionExecutor``, so none of it needs a thread of the cooperative
/// pool. Never call it from a task.
enum EngineWait {
  /// Waits for `work`. Every 50 ms `stop()` is asked; when it answers a reason, the work's task is
  /// cancelled (its requests with it) and the reason is thrown once the task ends, or after a grace of
  /// 2 seconds if it does not (a request stuck before cancellation can reach it, such as a connect).
  static func wait<T: Sendable>(
    on executor: SessionExecutor, stop: () -> (any Error)? = { nil },
    _ work: @escaping @Sendable () async throws -> T
  ) throws -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    let task = executor.task {
      box.set(await Result(catching: work))
      done.signal()
    }
    var stopped: (any Error)?
    var graceEnds = DispatchTime.distantFuture
    while done.wait(timeout: .now() + .milliseconds(50)) == .timedOut {
      if stopped == nil, let reason = stop() {
        stopped = reason
        task.cancel()
        graceEnds = .now() + .seconds(2)
      }
      if stopped != nil && DispatchTime.now() > graceEnds { break }
    }
    if let stopped { throw stopped }
    return try box.get()!.get()
  }
}

extension Result where Failure == any Error {
  /// The outcome of async `work`.
  init(catching work: () async throws -> Success) async {
    do {
      self = .success(try await work())
    } catch {
      self = .failure(error)
    }
  }
}

/// The result handed from the task to the waiting thread, under a lock (the waiter may give up first).
final class ResultBox<T: Sendable>: @unchecked Sendable {
  private let lock = NIOLock()
  private var result: Result<T, any Error>?

  func set(_ value: Result<T, any Error>) { lock.withLock { result = value } }
  func get() -> Result<T, any Error>? { lock.withLock { result } }
}
