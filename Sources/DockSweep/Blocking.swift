import Foundation

/// Runs async work from the Lua thread, which must not return to Lua until
/// the work is done: the thread blocks on a semaphore while the work runs
/// on the concurrency pool. Never call it from a task.
enum Blocking {
  static func wait<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task.detached {
      do {
        box.result = .success(try await work())
      } catch {
        box.result = .failure(error)
      }
      done.signal()
    }
    done.wait()
    return try box.result!.get()
  }
}

/// The result handed from the task to the waiting thread; the semaphore orders the accesses.
private final class ResultBox<T: Sendable>: @unchecked Sendable {
  var result: Result<T, any Error>?
}
