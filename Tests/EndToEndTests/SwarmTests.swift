import Foundation
import TestImages
import Testing

/// The agent on a real Swarm: two private dockerds joined into one Swarm on this machine, the agent image
/// (scripts/agent-image, FROM scratch, nothing pulled) loaded on both, a global service running `docksweep
/// watch`, and each node's own engine brought under its budget by the task running on it.
@Suite(.serialized) struct SwarmTests {
  @Test func globalServiceKeepsEveryNodeUnderItsBudget() async throws {
    let manager = try await offPool { try PrivateEngine() }
    let worker = try await offPool { try PrivateEngine() }
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("swarm-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
    defer {
      _ = try? manager.docker(["service", "rm", "ds-agent"])
      _ = try? worker.docker(["swarm", "leave", "--force"])
      _ = try? manager.docker(["swarm", "leave", "--force"])
      manager.destroy()
      worker.destroy()
      try? FileManager.default.removeItem(atPath: scratch)
    }
    let managerPort = try PrivateEngine.freePort()
    let workerPort = try PrivateEngine.freePort()
    try await offPool {
      _ = try manager.docker([
        "swarm", "init", "--advertise-addr", "127.0.0.1:\(managerPort)", "--listen-addr", "127.0.0.1:\(managerPort)",
      ])
      let token = try manager.docker(["swarm", "join-token", "-q", "worker"])
      _ = try worker.docker([
        "swarm", "join", "--token", token, "--listen-addr", "127.0.0.1:\(workerPort)", "--advertise-addr",
        "127.0.0.1:\(workerPort)", "127.0.0.1:\(managerPort)",
      ])
    }
    // Each node's task mounts its own engine's socket: the nodes share this machine, so the mount's source
    // is a per-node link named by the node's ID (a service template), as /var/run/docker.sock is per host.
    let links = scratch + "/sockets"
    try FileManager.default.createDirectory(atPath: links, withIntermediateDirectories: true)
    for engine in [manager, worker] {
      let id = try await offPool { try engine.docker(["info", "--format", "{{.Swarm.NodeID}}"]) }
      try FileManager.default.createSymbolicLink(
        atPath: links + "/\(id).sock", withDestinationPath: String(engine.host.dropFirst("unix://".count)))
    }

    // The agent image, built from the debug binary the tests run (its libraries come along, found by ldd).
    let archive = scratch + "/agent.tar"
    let build = try await offPool {
      try Subprocess.run(
        [
          PrivateEngine.packageRoot.path + "/scripts/agent-image", "--binary", EngineFailureTests.binary, "--tag",
          "docksweep-agent:test", "--save", archive,
        ], environment: ["DOCKER_HOST": manager.host])
    }
    #expect(build.status == 0, "\(build.stderr)")
    _ = try await offPool { try worker.docker(["load", "-q", "-i", archive]) }
    let agentSize = try #require(
      Int64(try await offPool { try manager.docker(["image", "inspect", "-f", "{{.Size}}", "docksweep-agent:test"]) }))

    // Three 1 MB images on each node; the budget leaves room for the agent and one of them.
    let fixture = try Fixture()
    defer { try? FileManager.default.removeItem(at: fixture.scratch) }
    let images = scratch + "/images.tar"
    try ImageArchive.write(
      (1...3).map { fixture.image(["big:\($0)"], size: 1_000_000) }, to: URL(fileURLWithPath: images))
    for engine in [manager, worker] { _ = try await offPool { try engine.docker(["load", "-q", "-i", images]) } }
    let budget = agentSize + 1_500_000

    let created = try await offPool {
      try manager.docker([
        "service", "create", "--detach", "--name", "ds-agent", "--mode", "global",
        "--mount", "type=bind,src=\(links)/{{.Node.ID}}.sock,dst=/var/run/docker.sock",
        "--mount", "type=volume,src=docksweep-state,dst=/state",
        "docksweep-agent:test", "watch", "recipe", "keep-under", String(budget), "0s", "--yes", "--every", "5s",
      ])
    }
    #expect(!created.isEmpty)
    for engine in [manager, worker] {
      var left = 3
      for _ in 0..<300 {
        let refs = try await offPool {
          try engine.docker(["image", "ls", "--format", "{{.Repository}}"]).split(separator: "\n")
        }
        left = refs.filter { $0.hasPrefix(fixture.prefix) }.count
        if left <= 1 { break }
        try await Task.sleep(for: .milliseconds(200))
      }
      let tasks = try await offPool { try manager.docker(["service", "ps", "--no-trunc", "ds-agent"]) }
      #expect(left <= 1, "\(engine.host): \(left) of the 3 images left; tasks:\n\(tasks)")
    }
    // The agent itself is in use by its task on every node: it stays.
    for engine in [manager, worker] {
      #expect(try await offPool { try engine.docker(["image", "ls", "-q", "docksweep-agent:test"]) }.isEmpty == false)
    }
  }
}
