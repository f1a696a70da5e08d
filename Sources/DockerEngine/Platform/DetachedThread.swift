import Glibc

/// Runs blocking work on a thread of its own, so that a task can wait for it without holding one of the
/// few threads of Swift's cooperative pool.
///
/// A thread whose work is done waits a few seconds for more before it ends (at most ``maxIdle`` wait at
/// once), so the requests of a run, one after another or a bulk removal's hundreds, reuse a few threads
/// instead of starting one each.
public enum DetachedThread {
  /// Stack for the work: socket exchanges need little.
  private static let stackSize = 512 << 10
  /// Threads that may wait for work at once, and for how long each waits.
  static let maxIdle = 8
  static let idleSeconds = 5

  /// Runs `work` on a detached thread and returns its result. If no thread can be made, `work` runs on
  /// the caller's thread. Never specialized: a specialization names its continuation's concrete type,
  /// whose `Never: Error` requirement the runtime checks by scanning every conformance record on the
  /// first request of a run; the generic body passes the conformance it already has.
  @_semantics("optimize.sil.specialize.generic.never")
  public static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
      start { continuation.resume(returning: work()) }
    }
  }

  /// Runs `body` on a waiting thread, else on a new detached one (on the caller's, when no thread can be
  /// made).
  public static func start(_ body: @escaping () -> Void) {
    let job = Job(body)
    if !pool.hand(job) { spawn(job) }
  }

  /// Whether a thread whose work is done waits for more (true, the default). Set to false, the threads
  /// waiting end now and every other one as soon as its work is done: for a process about to exit, where
  /// each thread still alive makes the exit longer (about 0.1 ms here), while threads that end earlier do
  /// so on another core.
  public static var keepsThreads: Bool {
    get { pool.keeping }
    set { pool.keeping = newValue }
  }

  /// Runs `job` on a new detached thread, or on the caller's when no thread can be made.
  private static func spawn(_ job: Job) {
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    defer { pthread_attr_destroy(&attributes) }
    pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
    pthread_attr_setstacksize(&attributes, stackSize)
    let retained = Unmanaged.passRetained(job).toOpaque()
    var thread = pthread_t()
    let started = pthread_create(
      &thread, &attributes,
      { argument in
        DetachedThread.serve(Unmanaged<Job>.fromOpaque(argument!).takeRetainedValue())
        return nil
      }, retained)
    if started != 0 {
      Unmanaged<Job>.fromOpaque(retained).release()
      job.body()
    }
  }

  /// A thread's life: its first job, then whatever the pool hands it until none comes.
  private static func serve(_ first: Job) {
    first.body()
    while let next = pool.next() { next.body() }
  }

  private final class Job: @unchecked Sendable {
    let body: () -> Void
    init(_ body: @escaping () -> Void) { self.body = body }
  }

  private static let pool = Pool()

  /// The work handed to waiting threads, and how many wait.
  private final class Pool: @unchecked Sendable {
    private let condition = Condition()
    private var work: [Job] = []
    private var waiting = 0
    /// ``DetachedThread/keepsThreads``; guarded by the condition's lock.
    private var keepsThreads = true

    var keeping: Bool {
      get {
        condition.lock()
        defer { condition.unlock() }
        return keepsThreads
      }
      set {
        condition.lock()
        defer { condition.unlock() }
        keepsThreads = newValue
        condition.broadcast()
      }
    }

    /// Queues `job` for a waiting thread that has no work promised yet; false when there is none.
    func hand(_ job: Job) -> Bool {
      condition.lock()
      defer { condition.unlock() }
      guard waiting > work.count else { return false }
      work.append(job)
      condition.signal()
      return true
    }

    /// For a thread whose work is done: the next work, or nil when none came in time (or enough threads
    /// wait already, or threads are not kept) and the thread is to end.
    func next() -> Job? {
      condition.lock()
      defer { condition.unlock() }
      guard keepsThreads, waiting < DetachedThread.maxIdle else { return nil }
      waiting += 1
      defer { waiting -= 1 }
      let deadline = Condition.deadline(inSeconds: DetachedThread.idleSeconds)
      while work.isEmpty {
        if !keepsThreads { return nil }
        if !condition.wait(until: deadline), work.isEmpty { return nil }
      }
      return work.removeFirst()
    }
  }
}
