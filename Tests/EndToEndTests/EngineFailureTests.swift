import Foundation
import TestImages
import Testing

/// What docksweep reports when the engine goes away in the middle of a bulk removal: the Report names
/// what was removed and what was not, the run exits 1, and nothing it calls removed is still there.
@Suite(.serialized) struct EngineFailureTests {
  static var binary: String { PrivateEngine.packageRoot.path + "/.build/debug/docksweep" }

  @Test func engineKilledMidRemovalLeavesATruthfulReport() throws {
    #expect(FileManager.default.isExecutableFile(atPath: Self.binary), "build docksweep first (swift build)")
    let engine = try PrivateEngine()
    defer { engine.destroy() }
    let archive = FileManager.default.temporaryDirectory.appendingPathComponent("kill-\(UUID().uuidString).tar")
    defer { try? FileManager.default.removeItem(at: archive) }
    let images = ImageSets.many(80, repository: "killme", layerBytes: 200_000)
    try ImageArchive.write(images, to: archive)
    _ = try engine.docker(["load", "-q", "-i", archive.path])
    let before = try engine.docker(["image", "ls", "--format", "{{.Repository}}:{{.Tag}}"]).split(separator: "\n")
    #expect(before.count == 80)

    let script = """
      local r = docker.images():match("^killme/"):remove()
      for _, ref in ipairs(r.untagged) do print("UNTAGGED " .. ref) end
      for _, f in ipairs(r.failed) do print("FAILED " .. f.target) end
      for _, s in ipairs(r.skipped) do print("SKIPPED " .. s.target) end
      print("OK " .. tostring(r:ok()))
      """
    let run = try Subprocess.start(
      [Self.binary, "--yes", "-H", engine.host, "-e", script], environment: [:])
    // Kill the engine once some images are gone.
    let deadline = Date().addingTimeInterval(60)
    while Date() < deadline {
      let left = (try? engine.docker(["image", "ls", "-q"]).split(separator: "\n").count) ?? 0
      if left <= 70 { break }
      usleep(20_000)
    }
    try engine.kill()
    let result = run.finish()
    let lines = result.stdout.split(separator: "\n").map(String.init)
    let untagged = Set(lines.filter { $0.hasPrefix("UNTAGGED ") }.map { String($0.dropFirst(9)) })
    let failed = Set(lines.filter { $0.hasPrefix("FAILED ") }.map { String($0.dropFirst(7)) })
    let skipped = Set(lines.filter { $0.hasPrefix("SKIPPED ") }.map { String($0.dropFirst(8)) })
    #expect(lines.contains("OK false"), "the report must show failures: \(result.stdout) \(result.stderr)")
    #expect(!untagged.isEmpty, "some removals happened before the kill")
    #expect(untagged.count < 80)
    #expect(untagged.isDisjoint(with: failed))
    // Every reference is accounted for exactly once.
    #expect(
      untagged.count + failed.count + skipped.count == 80, "\(untagged.count) + \(failed.count) + \(skipped.count)")

    try engine.restart()
    let after = Set(
      try engine.docker(["image", "ls", "--format", "{{.Repository}}:{{.Tag}}"]).split(separator: "\n").map(String.init)
    )
    // Nothing reported removed is still there; every reference still there was reported not removed.
    // (A delete cut off by the kill can leave its image untagged but present: `<none>:<none>`.)
    #expect(untagged.isDisjoint(with: after))
    #expect(after.subtracting(["<none>:<none>"]).isSubset(of: failed.union(skipped)))
  }

  @Test func unreachableEngineIsAClearErrorWithExitOne() throws {
    let engine = try PrivateEngine()
    defer { engine.destroy() }
    let archive = FileManager.default.temporaryDirectory.appendingPathComponent("gone-\(UUID().uuidString).tar")
    defer { try? FileManager.default.removeItem(at: archive) }
    try ImageArchive.write(ImageSets.many(3, repository: "gone"), to: archive)
    _ = try engine.docker(["load", "-q", "-i", archive.path])
    try engine.kill()
    let result = try Subprocess.run([Self.binary, "--yes", "-H", engine.host, "-e", "docker.images():remove()"])
    #expect(result.status == 1)
    #expect(result.stderr.contains("Cannot connect to the Docker daemon"), "\(result.stderr)")
  }

  /// A unix socket that accepts connections into its backlog and never answers: an engine that hangs.
  static func silentSocket() throws -> (path: String, fd: Int32) {
    let path = "/tmp/ds-silent-\(UInt32.random(in: 0...UInt32.max)).sock"
    let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { buffer in
      for (i, byte) in path.utf8.enumerated() { buffer[i] = byte }
    }
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
    }
    guard bound == 0, listen(fd, 16) == 0 else { throw TestImagesError("cannot listen on \(path)") }
    return (path, fd)
  }

  @Test func timeoutStopsACallToAHangingEngine() throws {
    let (path, fd) = try Self.silentSocket()
    defer {
      close(fd)
      unlink(path)
    }
    let started = Date()
    let result = try Subprocess.run([
      Self.binary, "-H", "unix://" + path, "--timeout", "2", "-e", "print(docker.images())",
    ])
    #expect(result.status == 1)
    #expect(result.stderr.contains("timeout"), "\(result.stderr)")
    #expect(Date().timeIntervalSince(started) < 600, "a time limit of 2 s must not wait for ever")
  }

  /// Without `--timeout`, a request that makes no progress fails after the idle limit, naming the engine and
  /// the request: an engine that accepts and never answers, and one that trickles a byte a second.
  @Test(arguments: [false, true])
  func idleLimitStopsAStalledEngine(trickle: Bool) throws {
    let (path, fd) = try Self.silentSocket()
    let stop = StopFlag()
    if trickle {
      Thread.detachNewThread {
        let client = accept(fd, nil, nil)
        guard client >= 0 else { return }
        defer { close(client) }
        for byte in Array("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK".utf8) {
          if stop.isSet { return }
          var b = byte
          guard send(client, &b, 1, Int32(MSG_NOSIGNAL)) == 1 else { return }
          sleep(1)
        }
      }
    }
    defer {
      stop.set()
      close(fd)
      unlink(path)
    }
    let started = Date()
    let result = try Subprocess.run([
      Self.binary, "-H", "unix://" + path, "--idle-timeout", "3", "-e", "print(#docker.images())",
    ])
    #expect(result.status == 1, "\(result)")
    #expect(result.stderr.contains("GET /_ping on unix://\(path) stalled"), "\(result.stderr)")
    #expect(result.stderr.contains("for 3 s"), "\(result.stderr)")
    #expect(Date().timeIntervalSince(started) < 600, "an idle limit of 3 s must not wait for ever")
  }

  /// The same over tcp:// (AsyncHTTPClient's transport): a listener that accepts and never answers.
  @Test func idleLimitStopsAStalledTCPEngine() throws {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let listening = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, length) == 0 && listen(fd, 16) == 0 && getsockname(fd, $0, &length) == 0
      }
    }
    #expect(listening)
    let host = "tcp://127.0.0.1:\(UInt16(bigEndian: address.sin_port))"
    let result = try Subprocess.run([Self.binary, "-H", host, "--idle-timeout", "3", "-e", "print(#docker.images())"])
    #expect(result.status == 1, "\(result)")
    #expect(result.stderr.contains("GET /_ping on \(host) stalled"), "\(result.stderr)")
    #expect(result.stderr.contains("for 3 s"), "\(result.stderr)")
  }

  @Test func interruptStopsACallToAHangingEngine() throws {
    let (path, fd) = try Self.silentSocket()
    defer {
      close(fd)
      unlink(path)
    }
    let run = try Subprocess.start([Self.binary, "-H", "unix://" + path, "-e", "print(docker.images())"])
    usleep(1_500_000)
    kill(run.pid, SIGINT)
    let result = run.finish()
    #expect(result.status == 1)
    #expect(result.stderr.contains("interrupted!"), "\(result.stderr)")
  }

  /// SIGINT during a stop (a bulk operation: it finishes the request it started) prints what was done and
  /// then ends the run like an interrupt anywhere else, instead of leaving the flag for later operations.
  @Test func interruptDuringAStopEndsTheRun() throws {
    let f = try Fixture()
    defer { f.cleanUp() }
    try f.load([f.image(["slow:1"], runnable: true)])
    _ = try f.run(f.ref("slow:1"), name: "slow", command: Fixture.deafCommand)
    let chunk = #"docker.stop("\#(f.containerName("slow"))", {timeout = 4}) print("after")"#
    let run = try Subprocess.start([Self.binary, "-y", "-e", chunk])
    usleep(1_500_000)
    kill(run.pid, SIGINT)
    let result = run.finish()
    #expect(result.status == 1, "\(result)")
    #expect(result.stderr.contains("interrupted!"), "\(result)")
    #expect(!result.stdout.contains("after"), "\(result)")
  }

  @Test func socketWithoutPermissionIsAClearError() throws {
    // The engine's socket is root:docker 0660; `nobody` may not connect.
    let host = try TestEngine.host()
    // `nobody` runs a copy in a directory it may enter: the checkout may be in one it may not (`/root`, 0700).
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "docksweep-nobody-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let copy = directory.appendingPathComponent("docksweep")
    try FileManager.default.copyItem(atPath: Self.binary, toPath: copy.path)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: copy.path)
    let result = try Subprocess.run([
      "runuser", "-u", "nobody", "--", "env", "-C", directory.path, "HOME=" + directory.path, copy.path, "-H", host,
      "-e",
      "docker.images()",
    ])
    #expect(result.status == 1)
    #expect(
      result.stderr.contains("permission denied while trying to connect to the Docker daemon socket"),
      "\(result.stderr)")
  }
}

/// A flag one thread sets and another reads.
final class StopFlag: @unchecked Sendable {
  private let lock = NSLock()
  private var value = false
  var isSet: Bool { lock.withLock { value } }
  func set() { lock.withLock { value = true } }
}
