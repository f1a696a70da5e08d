import DockerEngine
import Glibc
import Testing

@Suite struct DetachedThreadTests {
  /// Marks the threads that ran a job of this test before (a new thread starts unmarked).
  private static let marked: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key, nil)
    return key
  }()

  @Test func workInARowReusesWaitingThreads() async {
    let key = Self.marked
    var reused = 0
    for _ in 0..<50 {
      let seen = await DetachedThread.run { () -> Bool in
        defer { pthread_setspecific(key, UnsafeRawPointer(bitPattern: 1)) }
        return pthread_getspecific(key) != nil
      }
      if seen { reused += 1 }
    }
    // Other tests of the process may take a waiting thread meanwhile; never all forty-nine times.
    #expect(reused > 0)
    #expect(pthread_getspecific(key) == nil)
  }

  /// Ten jobs that each wait until all ten have started: they finish only if every one has a thread.
  @Test func workAtOnceGetsAThreadEach() async {
    let started = Condition()
    let count = Counter()
    let finished = await withTaskGroup(of: Bool.self) { group in
      for _ in 0..<10 {
        group.addTask {
          await DetachedThread.run {
            started.lock()
            defer { started.unlock() }
            count.value += 1
            let deadline = Condition.deadline(inSeconds: 20)
            while count.value < 10 { if !started.wait(until: deadline) { return false } }
            started.signal()
            return true
          }
        }
      }
      var all = true
      for await ok in group { all = all && ok }
      return all
    }
    #expect(finished)
  }

  private final class Counter: @unchecked Sendable {
    var value = 0
  }
}
