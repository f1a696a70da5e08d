import DockerEngine
import Foundation
import TestImages
import Testing

/// The client against the real private engine (dockerd 20.10, API 1.41).
@Suite struct ClientTests {
  @Test func pingAndVersionNegotiation() async throws {
    try await EngineFixture.withClient { client in
      let ping = try await client.ping()
      #expect(ping.apiVersion == "1.41")
      #expect(ping.status == "OK")
      #expect(try await client.apiVersion() == "1.41")
      let version = try await client.version()
      #expect(version.apiVersion == "1.41")
      #expect(version.os == "linux")
      #expect(!version.version.isEmpty)
      let info = try await client.info()
      #expect(info.driver == "vfs")
      #expect(info.osType == "linux")
    }
  }

  @Test func explicitAPIVersionIsUsedForPaths() async throws {
    try await EngineFixture.withClient(apiVersion: "1.40") { client in
      #expect(try await client.apiVersion() == "1.40")
      _ = try await client.images(filters: ["label": ["\(EngineFixture.labelKey)=none"]])
    }
    // A version newer than the engine's is refused by the engine, which proves the prefix is sent.
    try await EngineFixture.withClient(apiVersion: "1.99") { client in
      let error = try await #require(throws: DockerError.self) { try await client.images() }
      #expect(error.kind == .badRequest)
      #expect(error.message.contains("1.99"))
    }
  }

  @Test func imagesListDecodesTaggedAndDangling() async throws {
    let scope = EngineFixture.uniqueScope("list")
    try await EngineFixture.withClient { client in
      let tagged = EngineFixture.image(scope, tags: ["\(scope)/app:1", "\(scope)/app:keep"])
      let dangling = EngineFixture.image(scope, tags: [], created: "2020-02-03T04:05:06Z")
      let ids = try await EngineFixture.load([tagged, dangling], with: client)

      let images = try await client.images(filters: EngineFixture.filters(scope))
      #expect(images.count == 2)
      let taggedSummary = try #require(images.first { $0.id == ids[0] })
      #expect(Set(taggedSummary.repoTags) == ["\(scope)/app:1", "\(scope)/app:keep"])
      #expect(taggedSummary.created == Int64(TestImage.date("2021-03-04T05:06:07Z").timeIntervalSince1970))
      #expect(taggedSummary.size >= 2_048)
      #expect(taggedSummary.labels[EngineFixture.labelKey] == scope)
      #expect(taggedSummary.containers == -1)
      #expect(taggedSummary.virtualSize == taggedSummary.size)

      let danglingSummary = try #require(images.first { $0.id == ids[1] })
      #expect(danglingSummary.repoTags == [])
      #expect(danglingSummary.isDangling)
      #expect(danglingSummary.repoDigests == [])

      let onlyDangling = try await client.images(filters: EngineFixture.filters(scope, ["dangling": ["true"]]))
      #expect(onlyDangling.map(\.id) == [ids[1]])
      let byReference = try await client.images(filters: ["reference": ["\(scope)/app:1"]])
      #expect(byReference.map(\.id) == [ids[0]])

      let inspect = try await client.inspectImage("\(scope)/app:1")
      #expect(inspect.id == ids[0])
      #expect(inspect.created.hasPrefix("2021-03-04T05:06:07"))
      #expect(inspect.labels[EngineFixture.labelKey] == scope)
      #expect(inspect.raw["Config"]?["Labels"]?[EngineFixture.labelKey]?.stringValue == scope)
    }
    try await EngineFixture.withClient { await EngineFixture.cleanUp(scope, with: $0) }
  }

  @Test func removeByReferenceUntagsThenDeletes() async throws {
    let scope = EngineFixture.uniqueScope("rmi")
    try await EngineFixture.withClient { client in
      let image = EngineFixture.image(scope, tags: ["\(scope)/app:1", "\(scope)/app:2"])
      let id = try #require(try await EngineFixture.load([image], with: client).first)

      let first = try await client.removeImage("\(scope)/app:1")
      #expect(first == [.untagged("\(scope)/app:1")])
      let second = try await client.removeImage("\(scope)/app:2")
      #expect(second.first == .untagged("\(scope)/app:2"))
      #expect(second.dropFirst().first == .deleted(id))
      #expect(second.dropFirst().allSatisfy { if case .deleted = $0 { true } else { false } })
      #expect(second.map(\.cliLine).first == "Untagged: \(scope)/app:2")

      let error = try await #require(throws: DockerError.self) { try await client.inspectImage(id) }
      #expect(error.kind == .notFound)
    }
  }

  @Test func removeImageUsedByContainerIsConflict() async throws {
    let scope = EngineFixture.uniqueScope("conflict")
    try await EngineFixture.withClient { client in
      let reference = "\(scope)/app:1"
      let image = EngineFixture.image(scope, tags: [reference], busybox: true, cmd: ["sleep", "300"])
      let id = try #require(try await EngineFixture.load([image], with: client).first)
      let container = try await client.createContainer(
        image: reference, name: scope, labels: [EngineFixture.labelKey: scope], networkMode: "none")

      let byReference = try await #require(throws: DockerError.self) { try await client.removeImage(reference) }
      #expect(byReference.kind == .conflict)
      #expect(byReference.status == 409)
      let short = String(id.dropFirst("sha256:".count).prefix(12))
      #expect(
        byReference.message
          == "conflict: unable to remove repository reference \"\(reference)\" (must force) - container "
          + "\(container.prefix(12)) is using its referenced image \(short)")
      #expect(byReference.description == "Error response from daemon: \(byReference.message)")

      let byID = try await #require(throws: DockerError.self) { try await client.removeImage(id) }
      #expect(byID.kind == .conflict)
      #expect(
        byID.message
          == "conflict: unable to delete \(short) (must be forced) - image is being used by stopped container "
          + "\(container.prefix(12))")

      try await client.removeContainer(container)
      let removed = try await client.removeImage(reference)
      #expect(removed.contains(.deleted(id)))
    }
    try await EngineFixture.withClient { await EngineFixture.cleanUp(scope, with: $0) }
  }

  @Test func missingObjectsAreNotFound() async throws {
    let scope = EngineFixture.uniqueScope("missing")
    try await EngineFixture.withClient { client in
      let image = try await #require(throws: DockerError.self) { try await client.removeImage("\(scope)/none:1") }
      #expect(image.kind == .notFound)
      #expect(image.status == 404)
      #expect(image.message == "No such image: \(scope)/none:1")
      #expect(image.description == "Error response from daemon: No such image: \(scope)/none:1")

      let container = try await #require(throws: DockerError.self) { try await client.inspectContainer(scope) }
      #expect(container.kind == .notFound)
      #expect(container.message == "No such container: \(scope)")

      let stop = try await #require(throws: DockerError.self) { try await client.stopContainer(scope) }
      #expect(stop.kind == .notFound)
    }
  }

  @Test func missingSocketIsUnreachable() async throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("no-engine-\(UUID().uuidString).sock").path
    let client = try DockerClient(endpoint: EngineEndpoint(transport: .unix(path: path)))
    let error = try await #require(throws: DockerError.self) { try await client.images() }
    #expect(error.kind == .unreachable)
    #expect(error.status == nil)
    #expect(error.message == "Cannot connect to the Docker daemon at unix://\(path). Is the docker daemon running?")
    #expect(error.description == error.message)
    #expect(client.address == "unix://\(path)")
    try await client.shutdown()
  }

  @Test func saveThenLoadRoundTrip() async throws {
    let scope = EngineFixture.uniqueScope("save")
    try await EngineFixture.withClient { client in
      let reference = "\(scope)/app:1"
      let image = EngineFixture.image(scope, tags: [reference], layerBytes: 300_000)
      let id = try #require(try await EngineFixture.load([image], with: client).first)
      try await EngineFixture.withTemporaryDirectory { directory in
        let archive = directory.appendingPathComponent("saved images.tar").path
        let written = try await client.saveImages([reference], to: archive)
        let attributes = try FileManager.default.attributesOfItem(atPath: archive)
        #expect((attributes[.size] as? NSNumber)?.int64Value == written)
        #expect(written > 300_000)
        // Nothing but the archive is left in the directory (the temporary file was renamed).
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["saved images.tar"])

        _ = try await client.removeImage(reference)
        #expect(try await client.images(filters: ["reference": [reference]]).isEmpty)

        let loaded = try await client.loadImages(from: archive)
        #expect(loaded == [reference])
        let again = try await client.images(filters: ["reference": [reference]])
        #expect(again.map(\.id) == [id])

        let missing = directory.appendingPathComponent("missing.tar").path
        let error = try await #require(throws: DockerError.self) {
          try await client.saveImages(["\(scope)/none:1"], to: missing)
        }
        #expect(error.kind == .notFound)
        #expect(!FileManager.default.fileExists(atPath: missing))
      }
    }
    try await EngineFixture.withClient { await EngineFixture.cleanUp(scope, with: $0) }
  }

  @Test func loadRejectsWhatIsNotAnArchive() async throws {
    try await EngineFixture.withClient { client in
      try await EngineFixture.withTemporaryDirectory { directory in
        let file = directory.appendingPathComponent("not-a.tar")
        try Data(repeating: 0x41, count: 10_000).write(to: file)
        let error = try await #require(throws: DockerError.self) { try await client.loadImages(from: file.path) }
        #expect(error.kind == .server || error.kind == .badRequest)
        #expect(!error.message.isEmpty)

        let absent = try await #require(throws: DockerError.self) {
          try await client.loadImages(from: directory.appendingPathComponent("absent.tar").path)
        }
        #expect(absent.message.contains("absent.tar"))
      }
    }
  }

  @Test func pruneImagesWithUntilAndDanglingFilters() async throws {
    let scope = EngineFixture.uniqueScope("prune")
    try await EngineFixture.withClient { client in
      let old = EngineFixture.image(scope, tags: [], created: "2020-01-01T00:00:00Z")
      let middle = EngineFixture.image(scope, tags: [], created: "2020-06-01T00:00:00Z")
      let recent = EngineFixture.image(scope, tags: [], created: ISO8601DateFormatter().string(from: Date()))
      let taggedOld = EngineFixture.image(scope, tags: ["\(scope)/app:1"], created: "2019-01-01T00:00:00Z")
      let ids = try await EngineFixture.load([old, middle, recent, taggedOld], with: client)

      let first = try await EngineFixture.retryingPrune {
        try await client.pruneImages(
          filters: EngineFixture.filters(scope, ["dangling": ["true"], "until": ["2020-03-01T00:00:00Z"]]))
      }
      #expect(first.deleted.first == .deleted(ids[0]))
      #expect(!first.deleted.contains(.deleted(ids[1])))
      #expect(first.spaceReclaimed >= 2_048)

      let second = try await EngineFixture.retryingPrune {
        try await client.pruneImages(filters: EngineFixture.filters(scope, ["dangling": ["true"], "until": ["24h"]]))
      }
      #expect(second.deleted.contains(.deleted(ids[1])))
      #expect(!second.deleted.contains(.deleted(ids[2])))
      #expect(!second.deleted.contains(.deleted(ids[3])))

      let third = try await EngineFixture.retryingPrune {
        try await client.pruneImages(filters: EngineFixture.filters(scope, ["dangling": ["false"], "until": ["24h"]]))
      }
      #expect(third.deleted.first == .untagged("\(scope)/app:1"))
      #expect(third.deleted.contains(.deleted(ids[3])))
      #expect(try await client.images(filters: EngineFixture.filters(scope)).map(\.id) == [ids[2]])
    }
    try await EngineFixture.withClient { await EngineFixture.cleanUp(scope, with: $0) }
  }

  @Test func containerLifecycle() async throws {
    let scope = EngineFixture.uniqueScope("ctr")
    try await EngineFixture.withClient { client in
      let reference = "\(scope)/app:1"
      let image = EngineFixture.image(scope, tags: [reference], busybox: true, cmd: ["sleep", "3600"])
      try await EngineFixture.load([image], with: client)
      let id = try await client.createContainer(
        image: reference, cmd: ["sleep", "300"], env: ["A=1"], name: scope, labels: [EngineFixture.labelKey: scope],
        networkMode: "none")
      let created = try await client.inspectContainer(id)
      #expect(created.status == "created")
      #expect(created.name == "/\(scope)")
      #expect(created.networkMode == "none")
      #expect(created.image == reference)

      #expect(try await client.startContainer(id))
      #expect(try await client.startContainer(id) == false)
      let running = try await client.containers(filters: EngineFixture.filters(scope))
      #expect(running.map(\.id) == [id])
      #expect(running.first?.state == "running")
      #expect(running.first?.name == scope)
      #expect(running.first?.command == "sleep 300")
      #expect(running.first?.networkMode == "none")
      #expect(running.first?.isActive == true)

      let busy = try await #require(throws: DockerError.self) { try await client.removeContainer(id) }
      #expect(busy.kind == .conflict)
      #expect(busy.message.hasPrefix("You cannot remove a running container \(id)."))

      #expect(try await client.stopContainer(id, timeout: 1))
      #expect(try await client.stopContainer(id, timeout: 1) == false)
      #expect(try await client.containers(filters: EngineFixture.filters(scope)).isEmpty)
      let stopped = try await client.containers(all: true, size: true, filters: EngineFixture.filters(scope))
      #expect(stopped.first?.state == "exited")
      #expect(stopped.first?.sizeRw == 0)
      let exited = try await client.containers(filters: EngineFixture.filters(scope, ["exited": ["137"]]))
      #expect(exited.map(\.id) == [id])

      try await client.removeContainer(id, volumes: true)
      let gone = try await #require(throws: DockerError.self) { try await client.inspectContainer(id) }
      #expect(gone.kind == .notFound)
    }
    try await EngineFixture.withClient { await EngineFixture.cleanUp(scope, with: $0) }
  }

  @Test func pruneContainersRemovesStoppedOnes() async throws {
    let scope = EngineFixture.uniqueScope("cprune")
    try await EngineFixture.withClient { client in
      let reference = "\(scope)/app:1"
      let image = EngineFixture.image(scope, tags: [reference], busybox: true, cmd: ["sleep", "3600"])
      try await EngineFixture.load([image], with: client)
      let labels = [EngineFixture.labelKey: scope]
      let first = try await client.createContainer(image: reference, labels: labels, networkMode: "none")
      let second = try await client.createContainer(image: reference, labels: labels, networkMode: "none")
      let report = try await EngineFixture.retryingPrune {
        try await client.pruneContainers(filters: EngineFixture.filters(scope))
      }
      #expect(Set(report.deleted) == [first, second])
      #expect(try await client.containers(all: true, filters: EngineFixture.filters(scope)).isEmpty)
    }
    try await EngineFixture.withClient { await EngineFixture.cleanUp(scope, with: $0) }
  }

  @Test func diskUsageDecodes() async throws {
    let scope = EngineFixture.uniqueScope("df")
    try await EngineFixture.withClient { client in
      let reference = "\(scope)/app:1"
      let image = EngineFixture.image(scope, tags: [reference], busybox: true, cmd: ["sleep", "3600"])
      let id = try #require(try await EngineFixture.load([image], with: client).first)
      let container = try await client.createContainer(
        image: reference, labels: [EngineFixture.labelKey: scope], networkMode: "none")

      let usage = try await client.diskUsage()
      #expect((usage.layersSize ?? 0) > 0)
      #expect(usage.imageUsage == nil)
      let summary = try #require(usage.images.first { $0.id == id })
      #expect(summary.containers == 1)
      #expect(summary.sharedSize >= 0)
      #expect(summary.repoTags == [reference])
      let containerUsage = try #require(usage.containers.first { $0.id == container })
      #expect(containerUsage.state == "created")
      #expect(containerUsage.sizeRw == 0)
      #expect(usage.volumes.allSatisfy { $0.size >= -1 })
    }
    try await EngineFixture.withClient { await EngineFixture.cleanUp(scope, with: $0) }
  }

  @Test func eventsStreamYieldsTagAndCancels() async throws {
    let scope = EngineFixture.uniqueScope("events")
    try await EngineFixture.withClient { client in
      let image = EngineFixture.image(scope, tags: ["\(scope)/app:1"])
      let id = try #require(try await EngineFixture.load([image], with: client).first)
      let since = String(Int(Date().timeIntervalSince1970) - 1)
      try await client.tagImage(source: "\(scope)/app:1", repo: "\(scope)/app", tag: "2")

      let events = client.events(filters: ["type": ["image"], "event": ["tag"]], since: since)
      let found = try await withThrowingTaskGroup(of: EngineEvent?.self) { group in
        group.addTask {
          for try await event in events where event.attributes["name"] == "\(scope)/app:2" {
            return event
          }
          return nil
        }
        group.addTask {
          try await Task.sleep(for: .seconds(30))
          return nil
        }
        let first = try await group.next() ?? nil
        group.cancelAll()
        return first
      }
      let event = try #require(found, "no tag event within 30 s")
      #expect(event.type == "image")
      #expect(event.action == "tag")
      #expect(event.actorID == id)
      #expect(event.time >= Int64(since)!)

      // An open stream with nothing to report ends promptly when its task is cancelled.
      let waiting = Task {
        var count = 0
        for try await _ in client.events(filters: ["type": ["image"], "event": ["tag"], "image": ["\(scope)/none"]]) {
          count += 1
        }
        return count
      }
      try await Task.sleep(for: .milliseconds(300))
      waiting.cancel()
      #expect(try await waiting.value == 0)
    }
    try await EngineFixture.withClient { await EngineFixture.cleanUp(scope, with: $0) }
  }

  @Test func bulkRemovalOverOnePool() async throws {
    let scope = EngineFixture.uniqueScope("bulk")
    try await EngineFixture.withClient(maxConcurrency: 4) { client in
      let images = ImageSets.many(12, repository: scope).map { image -> TestImage in
        var image = image
        image.labels[EngineFixture.labelKey] = scope
        return image
      }
      try await EngineFixture.load(images, with: client)
      let references = images.flatMap(\.tags)
      let results = await client.forEachConcurrently(references) { reference in
        do {
          return try await client.removeImage(reference).count
        } catch {
          return -1
        }
      }
      #expect(results.map(\.0) == references)
      #expect(results.allSatisfy { $0.1 >= 2 })
      #expect(try await client.images(filters: EngineFixture.filters(scope)).isEmpty)
    }
    try await EngineFixture.withClient { await EngineFixture.cleanUp(scope, with: $0) }
  }

  @Test func pullWithoutRegistryIsAnEngineError() async throws {
    try await EngineFixture.withClient { client in
      var messages: [PullProgress] = []
      let error = try await #require(throws: DockerError.self) {
        try await client.pullImage("127.0.0.1:9/docksweep/none") { messages.append($0) }
      }
      #expect(error.kind == .server || error.kind == .notFound)
      #expect(error.message.contains("127.0.0.1:9"))
    }
  }
}
