import Foundation

/// Runs async work from the Lua thread, which must not return to Lua until
/// the work is done: the thread waits while the work runs on the concurrency
/// pool. Never call it from a task.
enum Blocking {
  /// Waits for `work`. Every 50 ms `stop()` is asked; when it answers a reason, the work's task is
  /// cancelled (its requests with it) and the reason is thrown once the task ends, or after a grace of
  /// 2 seconds if it does not (a request stuck before cancellation can reach it, such as a connect).
  static func wait<T: Sendable>(
    stop: () -> (any Error)? = { nil }, _ work: @escaping @Sendable () async throws -> T
  ) throws -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    let task = Task.detached {
      do {
        box.result = .success(try await work())
      } catch {
        box.result = .failure(error)
      }
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
    return try box.result!.get()
  }
}

/// The result handed from the task to the waiting thread; the semaphore orders the accesses.
private final class ResultBox<T: Sendable>: @unchecked Sendable {
  var result: Result<T, any Error>?
}
