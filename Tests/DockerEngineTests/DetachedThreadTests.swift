import DockerEngine
import Glibc
import Testing

/// Serialized: one test turns the keeping of threads off for a while.
@Suite(.serialized) struct DetachedThreadTests {
  /// Per test, marks the threads that ran one of its jobs before (a new thread starts unmarked).
  private static let marked = newKey()
  private static let markedWhileNotKept = newKey()

  private static func newKey() -> pthread_key_t {
    var key = pthread_key_t()
    pthread_key_create(&key, nil)
    return key
  }

  /// Runs 50 jobs one after another; how many ran on a thread `key` marks (one that ran an earlier job).
  private static func reusedThreads(marking key: pthread_key_t) async -> Int {
    var reused = 0
    for _ in 0..<50 {
      let seen = await DetachedThread.run { () -> Bool in
        defer { pthread_setspecific(key, UnsafeRawPointer(bitPattern: 1)) }
        return pthread_getspecific(key) != nil
      }
      if seen { reused += 1 }
    }
    return reused
  }

  @Test func workInARowReusesWaitingThreads() async {
    // Other tests of the process may take a waiting thread meanwhile; never all forty-nine times.
    #expect(await Self.reusedThreads(marking: Self.marked) > 0)
    #expect(pthread_getspecific(Self.marked) == nil)
  }

  /// Not kept, a thread ends after its work: no job finds a thread an earlier job of the test marked.
  @Test func threadsNotKeptEndAfterTheirWork() async {
    DetachedThread.keepsThreads = false
    defer { DetachedThread.keepsThreads = true }
    #expect(!DetachedThread.keepsThreads)
    #expect(await Self.reusedThreads(marking: Self.markedWhileNotKept) == 0)
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
