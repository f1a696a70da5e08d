import Glibc

/// A mutex and a condition variable (pthreads'), for a thread that sleeps until another gives it work.
public final class Condition: @unchecked Sendable {
  private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
  private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

  public init() {
    pthread_mutex_init(mutex, nil)
    pthread_cond_init(condition, nil)
  }

  deinit {
    pthread_cond_destroy(condition)
    pthread_mutex_destroy(mutex)
    condition.deallocate()
    mutex.deallocate()
  }

  public func lock() { pthread_mutex_lock(mutex) }
  public func unlock() { pthread_mutex_unlock(mutex) }
  /// Wakes one waiting thread; call with the lock held.
  public func signal() { pthread_cond_signal(condition) }
  /// Wakes every waiting thread; call with the lock held.
  public func broadcast() { pthread_cond_broadcast(condition) }
  /// Releases the lock, sleeps until signalled, and takes the lock again.
  public func wait() { pthread_cond_wait(condition, mutex) }

  /// `wait()` until at most `deadline` (see ``deadline(inSeconds:)``): false when it passed (the lock is
  /// held again either way).
  public func wait(until deadline: timespec) -> Bool {
    var deadline = deadline
    return pthread_cond_timedwait(condition, mutex, &deadline) != ETIMEDOUT
  }

  /// The moment `seconds` from now, for ``wait(until:)``.
  public static func deadline(inSeconds seconds: Int) -> timespec {
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    now.tv_sec += seconds
    return now
  }
}
