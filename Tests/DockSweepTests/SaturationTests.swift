import DockSweep
import Foundation
import TestImages
import Testing

/// Sessions never wait for a thread of Swift's cooperative pool: more sessions than the pool has
/// threads, half of them called the blocking way from a task (each holding a pool thread for its
/// whole run, as a careless embedder would), all list and remove images at once, and all finish.
@Suite struct SaturationTests {
  let token = UUID().uuidString.prefix(8).lowercased()

  @Test func sessionsFinishWhileThePoolIsSaturated() async throws {
    let host = try TestEngine.host()
    let sessions = max(6, ProcessInfo.processInfo.activeProcessorCount * 2 + 2)
    let repository = "dsweep-sat-\(token)/app"
    let archive = FileManager.default.temporaryDirectory.appendingPathComponent("saturation-\(token).tar")
    defer { try? FileManager.default.removeItem(at: archive) }
    try ImageArchive.write(
      (0..<sessions).map { i in
        TestImage(
          tags: ["\(repository)\(i):1", "\(repository)\(i):2"],
          created: TestImage.date("2021-01-0\(1 + i % 9)T00:00:00Z"),
          layers: [TestLayer(name: "saturation-\(token)-\(i)", size: 2_000)])
      }, to: archive)
    try TestEngine.load(archive)
    defer { _ = try? TestEngine.docker(["image", "rm", "-f"] + (0..<sessions).map { "\(repository)\($0):1" }) }

    // On a session that needed the pool, the blocking calls would hold every pool thread and wait forever:
    // end the process with a message rather than hang the suite.
    let watchdog = Watchdog(seconds: 180, message: "SaturationTests: \(sessions) sessions did not finish in 180 s")
    defer { watchdog.disarm() }
    let outputs = try await withThrowingTaskGroup(of: (Int, String).self) { group in
      for i in 0..<sessions {
        group.addTask {
          let (session, output) = try SessionHarness.make {
            $0.environment = ["DOCKER_HOST": host]
            $0.assumeYes = true
            $0.quiet = true
          }
          let source = ScriptSource(
            text: """
              local l = docker.images():match("^\(repository)\(i):")
              local r = l:remove()
              print(#l, #r.untagged, #r.deleted > 0, #r.failed)
              """)
          if i.isMultiple(of: 2) {
            try runBlocking(session, source)
          } else {
            try await session.run(source)
          }
          return (i, output.text)
        }
      }
      var outputs: [Int: String] = [:]
      for try await (i, text) in group { outputs[i] = text }
      return outputs
    }
    #expect(outputs.count == sessions)
    for i in 0..<sessions { #expect(outputs[i] == "1\t2\ttrue\t0\n", "session \(i): \(outputs[i] ?? "nothing")") }
    let left = try TestEngine.docker(["image", "ls", "-q", "--filter", "reference=\(repository)*"])
    #expect(left.isEmpty, "every image was removed: \(left)")
  }
}

/// The blocking form of `run`, called from a task: it holds the task's pool thread until the run ends.
private func runBlocking(_ session: Session, _ source: ScriptSource) throws {
  try session.run(source)
}

/// Ends the test process with `message` unless disarmed within `seconds`: for tests whose failure is a hang.
final class Watchdog: @unchecked Sendable {
  private let armed = NSLock()
  private var isArmed = true

  init(seconds: Double, message: String) {
    let thread = Thread { [self] in
      Thread.sleep(forTimeInterval: seconds)
      if armed.withLock({ isArmed }) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        exit(1)
      }
    }
    thread.start()
  }

  func disarm() { armed.withLock { isArmed = false } }
}
