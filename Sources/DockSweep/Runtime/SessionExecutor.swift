import FoundationEssentials
import NIOConcurrencyHelpers

/// The executor a session's engine work runs on: a thread the session owns, apart from Swift's
/// cooperative pool.
///
/// Engine calls made for Lua are tasks that prefer this executor, and so are their child tasks
/// and the default actors they call. Their resumptions never need a thread of the cooperative
/// pool, so a session keeps working when an embedder has every pool thread blocked (for example
/// by calling the blocking ``Session/run(_:arguments:)`` from many tasks at once).
final class SessionExecutor: TaskExecutor, @unchecked Sendable {
  /// The thread, started by the first job: a session that never talks to an engine never starts it.
  private let started = NIOLockedValueBox<WorkerThread?>(nil)

  private var thread: WorkerThread {
    started.withLockedValue { thread in
      if let thread { return thread }
      let made = WorkerThread(name: "docksweep engine")
      thread = made
      return made
    }
  }

  func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    let executor = asUnownedTaskExecutor()
    thread.submit { job.runSynchronously(on: executor) }
  }

  /// Runs `work` as a task on this executor.
  @discardableResult
  func task<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) -> Task<T, any Error> {
    // The task holds the executor, so its thread outlives any work still in flight.
    Task.detached(executorPreference: self) { [self] in
      withExtendedLifetime(self) {}
      return try await work()
    }
  }
}
