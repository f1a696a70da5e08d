import Dispatch
import DockerEngine
import Glibc

/// A thread of its own that runs closures one at a time, in the order they were given.
///
/// The thread ends once its owner releases the last reference to it and the closures already
/// given have run. Closures given after that never run.
final class WorkerThread: @unchecked Sendable {
  /// The queue shared by the owner and the thread; the thread holds only this, never the owner.
  private final class Queue: @unchecked Sendable {
    let condition = Condition()
    var work: [() -> Void] = []
    var ending = false
    var thread: pthread_t?
  }

  private let queue = Queue()
  /// Whether the work runs on the thread that made this worker instead of a thread of its own.
  private let onCallingThread: Bool

  /// The calling thread as the worker: work given from it runs at once, in place; work given from any
  /// other thread is a programming error (nothing would serve it).
  init(callingThread: Void) {
    onCallingThread = true
    queue.thread = pthread_self()
  }

  /// Starts the thread for `name` (named in errors), with a stack of `stackSize` bytes.
  init(name: String, stackSize: Int = 1 << 20) {
    onCallingThread = false
    // A plain pthread: Foundation's Thread costs runtime type lookups at every start-up.
    let start = Start(queue: queue, name: name)
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    pthread_attr_setstacksize(&attributes, stackSize)
    pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
    var thread = pthread_t()
    let created = pthread_create(
      &thread, &attributes,
      { context in
        let start = Unmanaged<Start>.fromOpaque(context!).takeRetainedValue()
        WorkerThread.serve(start.queue)
        return nil
      }, Unmanaged.passRetained(start).toOpaque())
    pthread_attr_destroy(&attributes)
    precondition(created == 0, "cannot start the \(name) thread: error \(created)")
    queue.condition.lock()
    queue.thread = thread
    queue.condition.unlock()
  }

  /// What a new thread is handed.
  private final class Start {
    let queue: Queue
    let name: String
    init(queue: Queue, name: String) {
      self.queue = queue
      self.name = name
    }
  }

  deinit {
    queue.condition.lock()
    queue.ending = true
    queue.condition.signal()
    queue.condition.unlock()
  }

  /// Whether the caller is this worker's thread.
  var isCurrent: Bool {
    queue.condition.lock()
    defer { queue.condition.unlock() }
    guard let thread = queue.thread else { return false }
    return pthread_equal(thread, pthread_self()) != 0
  }

  /// Queues `work` to run on the thread after everything queued before it.
  func submit(_ work: @escaping () -> Void) {
    precondition(!onCallingThread, "work given to a session's calling thread from another thread")
    queue.condition.lock()
    queue.work.append(work)
    queue.condition.signal()
    queue.condition.unlock()
  }

  /// Runs `body` on the thread and waits for it; runs it directly when called from the thread itself.
  /// Never call it from a task: the waiting thread is blocked.
  func perform<T>(_ body: () throws -> T) throws -> T {
    if isCurrent { return try body() }
    return try withoutActuallyEscaping(body) { body in
      let box = Outcome<T>(body)
      let done = DispatchSemaphore(value: 0)
      submit {
        box.run()
        done.signal()
      }
      done.wait()
      switch box.result! {
      case .success(let value): return value
      case .failure(let error): throw error
      }
    }
  }

  /// Runs `body` on the thread; the calling task is suspended meanwhile, so no thread of the
  /// cooperative pool waits.
  func perform<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
      submit { continuation.resume(with: Result { try body() }) }
    }
  }

  /// The thread's loop: runs queued work until the owner has gone and the queue is empty.
  private static func serve(_ queue: Queue) {
    while true {
      queue.condition.lock()
      while queue.work.isEmpty && !queue.ending { queue.condition.wait() }
      if queue.work.isEmpty {
        queue.condition.unlock()
        return
      }
      let next = queue.work.removeFirst()
      queue.condition.unlock()
      next()
    }
  }
}

/// A body and its result, handed between the waiting thread and the worker; the semaphore orders the
/// accesses. The body is dropped as soon as it has run, before the waiter wakes, so it never outlives
/// the waiter's `withoutActuallyEscaping`.
private final class Outcome<T>: @unchecked Sendable {
  private var body: (() throws -> T)?
  var result: Result<T, any Error>?

  init(_ body: @escaping () throws -> T) {
    self.body = body
  }

  func run() {
    result = Result { try body!() }
    body = nil
  }
}
