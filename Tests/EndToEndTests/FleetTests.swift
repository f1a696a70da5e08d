import Foundation
import TestImages
import Testing

/// One recipe over three private engines: plans first, one question for all, a summary row per engine, a
/// stopped engine failing alone, and nothing removed anywhere that a plan did not list.
@Suite(.serialized) struct FleetTests {
  final class Fleet: @unchecked Sendable {
    let engines: [PrivateEngine]
    let fixture: Fixture

    private init() throws {
      engines = try (0..<3).map { _ in try PrivateEngine() }
      fixture = try Fixture()
    }

    static func with(_ test: (Fleet) async throws -> Void) async throws {
      try await withOffPool(make: { try Fleet() }, dispose: { $0.destroy() }, test)
    }

    private func destroy() {
      for e in engines { e.destroy() }
      try? FileManager.default.removeItem(at: fixture.scratch)
    }

    /// `-H` for every engine.
    var hostArguments: [String] { engines.flatMap { ["-H", $0.host] } }

    /// Loads `names` (below the fixture's prefix) into the engines at `indices`.
    func load(_ names: [String], into indices: [Int] = [0, 1, 2]) async throws {
      let archive = fixture.scratch.appendingPathComponent("fleet-\(UUID().uuidString).tar")
      defer { try? FileManager.default.removeItem(at: archive) }
      try ImageArchive.write(names.map { fixture.image([$0]) }, to: archive)
      for i in indices { _ = try await offPool { try self.engines[i].docker(["load", "-q", "-i", archive.path]) } }
    }

    /// Contexts `node-0` ... `node-2` for the engines, created by the docker CLI in a configuration
    /// directory of the test's; returns that directory (`DOCKER_CONFIG`).
    func contexts() async throws -> String {
      let config = fixture.scratch.appendingPathComponent("docker-config").path
      for (i, e) in engines.enumerated() {
        let host = e.host
        _ = try await offPool {
          try Subprocess.run(
            ["docker", "context", "create", "node-\(i)", "--docker", "host=\(host)"],
            environment: ["DOCKER_CONFIG": config])
        }
      }
      return config
    }

    /// The references on engine `i`.
    func refs(_ i: Int) async throws -> Set<String> {
      let text = try await offPool {
        try self.engines[i].docker(["image", "ls", "--format", "{{.Repository}}:{{.Tag}}"])
      }
      return Set(text.split(separator: "\n").map(String.init))
    }
  }

  @Test func planAskOnceActAndSummarize() async throws {
    try await Fleet.with { fleet in
      let f = fleet.fixture
      try await fleet.load(["a:1", "b:1"])
      let recipe = "docker.images():match('/b:'):remove()"

      let plan = try await Docksweep.run(["-n"] + fleet.hostArguments + ["-e", recipe])
      #expect(plan.status == 0, "\(plan)")
      for e in fleet.engines {
        #expect(plan.lines.contains { $0.hasPrefix(e.host) && $0.contains("Dry run: would remove 1 image") }, "\(plan)")
        #expect(plan.lines.contains { $0.hasPrefix(e.host + " ") && $0.hasSuffix("dry run") }, "\(plan)")
      }
      #expect(plan.lines.contains { $0.hasPrefix("ENGINE") }, "\(plan)")

      let refused = try await Docksweep.run(fleet.hostArguments + ["-e", recipe])
      #expect(refused.status == 1, "\(refused)")
      #expect(refused.stderr.contains("refusing to remove 3 objects on 3 engines without confirmation"), "\(refused)")
      for i in 0..<3 { #expect(try await fleet.refs(i) == [f.ref("a:1"), f.ref("b:1")]) }

      // One question at a terminal for the whole fleet: no leaves everything, yes removes on every engine.
      let terminal = try TerminalSession(fleet.hostArguments + ["-e", recipe], engine: nil)
      defer { terminal.close() }
      let asked = try terminal.wait(forText: "Are you sure you want to continue? [y/N]")
      #expect(asked.contains { $0.contains("In all: 3 objects on 3 engines.") }, "\(asked)")
      try terminal.enter("n")
      _ = try terminal.wait(forText: "cancelled: nothing was removed on any engine")
      for i in 0..<3 { #expect(try await fleet.refs(i) == [f.ref("a:1"), f.ref("b:1")]) }
      try terminal.restart(fleet.hostArguments + ["-e", recipe])
      _ = try terminal.wait(forText: "Are you sure you want to continue? [y/N]")
      try terminal.enter("y")
      let done = try terminal.wait(forText: "STATUS")
      _ = try terminal.wait(for: "three ok rows") { lines in lines.filter { $0.hasSuffix(" ok") }.count == 3 }
      #expect(done.contains { $0.contains("Untagged: \(f.ref("b:1"))") }, "\(done)")
      for i in 0..<3 { #expect(try await fleet.refs(i) == [f.ref("a:1")]) }
    }
  }

  @Test func aStoppedEngineFailsAloneAndNothingElseIsTouched() async throws {
    try await Fleet.with { fleet in
      let f = fleet.fixture
      try await fleet.load(["a:1", "b:1", "c:1"])
      try await offPool { try fleet.engines[1].kill() }
      let run = try await Docksweep.run(
        ["--yes", "--protect", "/c:"] + fleet.hostArguments + ["-e", "docker.images():match('/(b|c):'):remove()"])
      #expect(run.status == 1, "\(run)")
      let rows = run.lines.drop { !$0.hasPrefix("ENGINE") }.dropFirst()
      #expect(rows.count == 3, "\(run)")
      #expect(rows.contains { $0.hasPrefix(fleet.engines[1].host + " ") && $0.contains("failed: ") }, "\(run)")
      let okRows = rows.filter { $0.hasSuffix(" ok") }
      #expect(okRows.count == 2, "\(run)")
      for i in [0, 2] {
        #expect(try await fleet.refs(i) == [f.ref("a:1"), f.ref("c:1")], "protection holds on every engine: \(run)")
      }
    }
  }

  @Test func allContextsTakesTheContextsTheDockerCLIWrote() async throws {
    try await Fleet.with { fleet in
      let config = try await fleet.contexts()
      try await fleet.load(["x:1"], into: [0, 2])
      let run = try await Docksweep.run(
        ["--all-contexts", "-e", "print(#docker.images()) local df = docker.df()"],
        environment: ["DOCKER_CONFIG": config])
      #expect(run.status == 0, "\(run)")
      // The disk of every engine side by side, with a total.
      #expect(run.lines.contains { $0.hasPrefix("ENGINE") && $0.contains("LOCAL VOLUMES") }, "\(run)")
      #expect(run.lines.contains { $0.hasPrefix("TOTAL ") }, "\(run)")
      let json = try await Docksweep.run(
        ["--all-contexts", "--format", "json", "-e", "print(docker.images())"], environment: ["DOCKER_CONFIG": config])
      let node0 = try #require(json.lines.first { $0.hasPrefix("node-0 | [") }, "\(json)")
      let images = try #require(
        try JSONSerialization.jsonObject(with: Data(node0.dropFirst("node-0 | ".count).utf8)) as? [[String: Any]])
      #expect(images.count == 1 && images[0]["engine"] as? String == "node-0", "\(images)")
      #expect(
        run.lines.contains("node-0 | 1") && run.lines.contains("node-1 | 0") && run.lines.contains("node-2 | 1"),
        "\(run)")
      #expect(run.lines.filter { $0.hasPrefix("node-") && $0.hasSuffix(" ok") }.count == 3, "\(run)")
    }
  }

  /// `tcp://` with TLS and client certificates, read as the docker CLI reads them (`DOCKER_CERT_PATH`, a
  /// context's TLS files), alone and in a fleet with a unix-socket engine.
  @Test func tlsEngineWithClientCertificates() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tls-\(UUID().uuidString)").path
    let certs = directory + "/certs"
    try await offPool { try TLSFiles.make(in: certs) }
    let engine = try await offPool { try PrivateEngine(tlsDirectory: certs) }
    defer {
      engine.destroy()
      try? FileManager.default.removeItem(atPath: directory)
    }
    let tcp = try #require(engine.tcpHost)
    let tls = ["DOCKER_TLS_VERIFY": "1", "DOCKER_CERT_PATH": certs]
    let ok = try await Docksweep.run(
      ["-H", tcp, "-e", "print(docker.version().engine, #docker.images())"], environment: tls)
    #expect(ok.status == 0 && ok.lines == ["Docker Engine\t0"], "\(ok)")

    // Without a client certificate the engine refuses the handshake: a clear error, status 1.
    let caOnly = directory + "/ca-only"
    try FileManager.default.createDirectory(atPath: caOnly, withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: certs + "/ca.pem", toPath: caOnly + "/ca.pem")
    let refused = try await Docksweep.run(
      ["-H", tcp, "-e", "print(#docker.images())"], environment: ["DOCKER_TLS_VERIFY": "1", "DOCKER_CERT_PATH": caOnly])
    #expect(refused.status == 1 && refused.stderr.contains("127.0.0.1"), "\(refused)")

    // A context the docker CLI wrote with its TLS files, in a fleet with the engine's unix socket.
    let config = directory + "/docker-config"
    let created = try await offPool {
      try Subprocess.run(
        [
          "docker", "context", "create", "secure", "--docker",
          "host=\(tcp),ca=\(certs)/ca.pem,cert=\(certs)/cert.pem,key=\(certs)/key.pem",
        ], environment: ["DOCKER_CONFIG": config])
    }
    #expect(created.status == 0, "\(created.stderr)")
    let fleet = try await Docksweep.run(
      ["-H", engine.host, "--context", "secure", "-e", "print(docker.version().api_version)"],
      environment: ["DOCKER_CONFIG": config])
    #expect(fleet.status == 0, "\(fleet)")
    #expect(fleet.lines.contains { $0.hasPrefix("secure") && $0.hasSuffix(" ok") }, "\(fleet)")
    #expect(fleet.lines.contains { $0.hasPrefix(engine.host + " ") && $0.hasSuffix(" ok") }, "\(fleet)")
  }

  /// `ssh://` to a real sshd (Debian's openssh-server) running `docker system dial-stdio` on the far side,
  /// alone and in a fleet with the same engine's unix socket and a second engine.
  @Test func sshEngineThroughARealSSHD() async throws {
    try await Fleet.with { fleet in
      let f = fleet.fixture
      try await fleet.load(["s:1"], into: [0])
      let engineHost = fleet.engines[0].host
      let sshd = try await offPool { try SSHServer(engineHost: engineHost) }
      defer { sshd.stop() }
      let alone = try await Docksweep.run(
        ["-H", sshd.url, "-e", "print(docker.version().engine) print(docker.images()[1].repository)"],
        environment: ["PATH": sshd.path])
      #expect(alone.status == 0 && alone.lines == ["Docker Engine", f.ref("s")], "\(alone)")

      let together = try await Docksweep.run(
        ["--yes", "-H", sshd.url, "-H", fleet.engines[1].host, "-e", "docker.images():match('/s:'):remove()"],
        environment: ["PATH": sshd.path])
      #expect(together.status == 0, "\(together)")
      #expect(
        together.lines.contains { $0.hasPrefix(sshd.url) && $0.contains("Untagged: \(f.ref("s:1"))") }, "\(together)")
      #expect(try await fleet.refs(0).isEmpty, "removed through ssh: \(together)")
    }
  }

  /// Ctrl-C interrupts every engine's run at once: each row fails as interrupted, and a run that was still
  /// planning removes nothing anywhere.
  @Test func interruptStopsEveryEngine() async throws {
    try await Fleet.with { fleet in
      let hosts = fleet.hostArguments
      let binary = try Docksweep.binary().path
      for dryRun in [true, false] {
        let run = try Subprocess.start(
          [binary] + (dryRun ? ["-n"] : ["--yes"]) + hosts + ["-e", "print('busy') while true do end"])
        let out = run.scratch.appendingPathComponent("out")
        for _ in 0..<300 {
          let printed = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
          if !dryRun || printed.components(separatedBy: "busy").count == 4 { break }
          try await Task.sleep(for: .milliseconds(100))
        }
        try await Task.sleep(for: .milliseconds(500))
        kill(run.pid, SIGINT)
        let result = try await offPool { run.finish() }
        #expect(result.status == 1, "\(result)")
        if dryRun {
          #expect(result.stdout.components(separatedBy: "failed: interrupted!").count == 4, "\(result)")
        } else {
          #expect(result.stderr.contains("interrupted! nothing was removed on any engine"), "\(result)")
        }
      }
    }
  }

  /// A recipe that chooses engines itself: `docker.engines{...}` gives a `docker` module per context, and the
  /// lists each makes act on their own engine.
  @Test func enginesInLuaActOnTheirOwnEngine() async throws {
    try await Fleet.with { fleet in
      let f = fleet.fixture
      let config = try await fleet.contexts()
      try await fleet.load(["a:1", "b:1"])
      let recipe = """
        for _, d in ipairs(docker.engines{"node-0", "node-2"}) do
          local r = d.images():match("/b:"):remove()
          print(d.name, d.images()[1].engine, #r.untagged)
        end
        """
      let run = try await Docksweep.run(
        ["--yes", "-q", "-H", "unix:///nonexistent.sock", "-e", recipe], environment: ["DOCKER_CONFIG": config])
      #expect(run.status == 0, "\(run)")
      #expect(run.lines == ["node-0\tnode-0\t1", "node-2\tnode-2\t1"], "\(run)")
      #expect(try await fleet.refs(0) == [f.ref("a:1")])
      #expect(try await fleet.refs(1) == [f.ref("a:1"), f.ref("b:1")], "an engine not named is not touched")
      #expect(try await fleet.refs(2) == [f.ref("a:1")])
      let address = try await Docksweep.run(["-e", "docker.engines{'tcp://10.0.0.1:2375'}"])
      #expect(address.status == 1 && address.stderr.contains("a sandboxed recipe names docker contexts"), "\(address)")
    }
  }

  /// An engine killed in the middle of a fleet's removals: its row says what failed, the other engines
  /// finish, the protected image stays everywhere, and nothing outside the plan is touched.
  @Test func anEngineKilledHalfwayFailsAlone() async throws {
    try await Fleet.with { fleet in
      let archive = fleet.fixture.scratch.appendingPathComponent("many.tar")
      try ImageArchive.write(ImageSets.many(80, repository: "halfway", layerBytes: 200_000), to: archive)
      for e in fleet.engines { _ = try await offPool { try e.docker(["load", "-q", "-i", archive.path]) } }
      try await fleet.load(["keep:1"])
      let run = try Subprocess.start(
        [try Docksweep.binary().path, "--yes"] + fleet.hostArguments + [
          "-e", "docker.images():match('^halfway/'):remove()",
        ])
      let victim = fleet.engines[1]
      for _ in 0..<600 {
        let left = (try? await offPool { try victim.docker(["image", "ls", "-q"]) })?.split(separator: "\n").count ?? 0
        if left <= 70 { break }
        try await Task.sleep(for: .milliseconds(20))
      }
      try await offPool { try victim.kill() }
      let result = try await offPool { run.finish() }
      #expect(result.status == 1, "\(result)")
      let rows = result.stdout.split(separator: "\n").drop { !$0.hasPrefix("ENGINE") }.dropFirst()
      let okRows = rows.filter { $0.hasSuffix(" ok") }
      #expect(okRows.count == 2, "\(Array(okRows))")
      #expect(rows.contains { $0.hasPrefix(victim.host + " ") && !$0.hasSuffix(" ok") }, "\(result)")
      for i in [0, 2] {
        #expect(try await fleet.refs(i) == [fleet.fixture.ref("keep:1")], "\(result)")
      }
    }
  }
}
