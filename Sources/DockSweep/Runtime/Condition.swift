import Glibc

/// A mutex and a condition variable (pthreads'), for a thread that sleeps until another gives it work.
final class Condition: @unchecked Sendable {
  private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
  private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

  init() {
    pthread_mutex_init(mutex, nil)
    pthread_cond_init(condition, nil)
  }

  deinit {
    pthread_cond_destroy(condition)
    pthread_mutex_destroy(mutex)
    condition.deallocate()
    mutex.deallocate()
  }

  func lock() { pthread_mutex_lock(mutex) }
  func unlock() { pthread_mutex_unlock(mutex) }
  /// Wakes one waiting thread; call with the lock held.
  func signal() { pthread_cond_signal(condition) }
  /// Releases the lock, sleeps until signalled, and takes the lock again.
  func wait() { pthread_cond_wait(condition, mutex) }
}
