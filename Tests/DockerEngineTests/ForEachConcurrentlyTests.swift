import DockerEngine
import Foundation
import Testing

/// Bounded concurrency of `DockerClient.forEachConcurrently`, without an engine.
@Suite struct ForEachConcurrentlyTests {
  /// Counters shared by the concurrent bodies.
  final class Counters: @unchecked Sendable {
    private let lock = NSLock()
    private var started = 0
    private var running = 0
    private(set) var maxRunning = 0

    var startedCount: Int { lock.withLock { started } }

    func enter() {
      lock.withLock {
        started += 1
        running += 1
        maxRunning = max(maxRunning, running)
      }
    }

    func leave() {
      lock.withLock { running -= 1 }
    }
  }

  @Test func runsAllInInputOrderWithinTheLimit() async {
    let counters = Counters()
    let results = await DockerClient.forEachConcurrently(Array(0..<20), limit: 3) { item in
      counters.enter()
      try? await Task.sleep(for: .milliseconds(Int.random(in: 1...15)))
      counters.leave()
      return item * 2
    }
    #expect(results.map(\.0) == Array(0..<20))
    #expect(results.map(\.1) == (0..<20).map { $0 * 2 })
    #expect(counters.maxRunning <= 3)
    #expect(counters.maxRunning >= 2)
  }

  @Test func stopsStartingWhenToldAndReportsStartedItems() async {
    let calls = Counters()
    let results = await DockerClient.forEachConcurrently(
      Array(0..<20), limit: 3,
      shouldContinue: {
        calls.enter()
        calls.leave()
        return calls.startedCount <= 5
      }
    ) { item in
      try? await Task.sleep(for: .milliseconds(5))
      return "done \(item)"
    }
    #expect(results.map(\.0) == [0, 1, 2, 3, 4])
    #expect(results.map(\.1) == ["done 0", "done 1", "done 2", "done 3", "done 4"])
    #expect(calls.startedCount == 6)
  }

  @Test func flagRaisedDuringTheWorkStopsLaterStarts() async {
    let stop = Counters()
    let results = await DockerClient.forEachConcurrently(
      Array(0..<40), limit: 2, shouldContinue: { stop.startedCount == 0 }
    ) { item in
      if item == 3 {
        stop.enter()
      } else {
        try? await Task.sleep(for: .milliseconds(50))
      }
      return item
    }
    let started = results.map(\.0)
    #expect(started == Array(0..<started.count))
    #expect(started.contains(3))
    #expect(started.count <= 5)
    #expect(results.allSatisfy { $0.0 == $0.1 })
  }

  @Test func cancellationStopsStartingAndReachesRunningItems() async {
    let counters = Counters()
    let task = Task {
      await DockerClient.forEachConcurrently(Array(0..<50), limit: 2) { item -> Bool in
        counters.enter()
        defer { counters.leave() }
        do {
          try await Task.sleep(for: .seconds(30))
          return true
        } catch {
          return false
        }
      }
    }
    try? await Task.sleep(for: .milliseconds(200))
    task.cancel()
    let results = await task.value
    #expect(results.count == 2)
    #expect(results.allSatisfy { $0.1 == false })
  }

  @Test func emptyInputGivesNothing() async {
    let results = await DockerClient.forEachConcurrently([Int](), limit: 4) { $0 }
    #expect(results.isEmpty)
  }
}
