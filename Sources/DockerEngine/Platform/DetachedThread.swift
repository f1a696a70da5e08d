import Glibc

/// Runs blocking work on a thread of its own, so that a task can wait for it without holding one of the
/// few threads of Swift's cooperative pool.
public enum DetachedThread {
  /// Stack for the work: socket exchanges need little.
  private static let stackSize = 512 << 10

  /// Runs `work` on a new detached thread and returns its result. If the thread cannot be made, `work`
  /// runs on the caller's thread. Never specialized: a specialization names its continuation's concrete
  /// type, whose `Never: Error` requirement the runtime checks by scanning every conformance record on the
  /// first request of a run; the generic body passes the conformance it already has.
  @_semantics("optimize.sil.specialize.generic.never")
  public static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
      start { continuation.resume(returning: work()) }
    }
  }

  private final class Job {
    let body: () -> Void
    init(_ body: @escaping () -> Void) { self.body = body }
  }

  /// Runs `body` on a new detached thread (on the caller's, when no thread can be made).
  public static func start(_ body: @escaping () -> Void) {
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    defer { pthread_attr_destroy(&attributes) }
    pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
    pthread_attr_setstacksize(&attributes, stackSize)
    let job = Unmanaged.passRetained(Job(body)).toOpaque()
    var thread = pthread_t()
    let started = pthread_create(
      &thread, &attributes,
      { argument in
        Unmanaged<Job>.fromOpaque(argument!).takeRetainedValue().body()
        return nil
      }, job)
    if started != 0 {
      Unmanaged<Job>.fromOpaque(job).takeRetainedValue().body()
    }
  }
}
