import Foundation
import TestImages
import Testing

/// The test images and the private engine work together: archives written by `ImageArchive` load, keep their
/// dates, share layers, stay dangling when untagged and run containers.
///
/// Each test names its images with a per-run token and labels them with it, so runs can share an engine.
@Suite struct EngineFixtureTests {
  let token = UUID().uuidString.prefix(8).lowercased()
  let scratch: URL

  init() throws {
    scratch = FileManager.default.temporaryDirectory.appendingPathComponent("engine-fixture-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
  }

  /// Writes `images` to an archive, loads it and returns their IDs.
  func load(_ images: [TestImage]) throws -> [String] {
    let archive = scratch.appendingPathComponent("images.tar")
    defer { try? FileManager.default.removeItem(at: scratch) }
    let ids = try ImageArchive.write(images, to: archive)
    try TestEngine.load(archive)
    return ids
  }

  /// Removes images by reference or ID without force, ignoring ones already gone.
  func remove(_ references: [String]) {
    for reference in references {
      _ = try? TestEngine.docker(["image", "rm", reference])
    }
  }

  @Test func createdDateSurvivesLoading() throws {
    let tag = "fixture/dated-\(token):1"
    let image = TestImage(
      tags: [tag], created: TestImage.date("2020-06-25T10:11:12Z"),
      layers: [TestLayer(name: "fixture/dated-\(token)", size: 1_000)], labels: ["fixture.run": token])
    let ids = try load([image])
    defer { remove([tag]) }
    let inspected = try TestEngine.docker(["image", "inspect", "-f", "{{.Id}} {{.Created}}", tag])
    #expect(inspected == "\(ids[0]) 2020-06-25T10:11:12Z")
    let labels = try TestEngine.docker(["image", "inspect", "-f", "{{index .Config.Labels \"fixture.run\"}}", tag])
    #expect(labels == token)
  }

  @Test func imagesShareALayer() throws {
    let base = TestLayer(name: "fixture/shared-base-\(token)", size: 300_000)
    let tags = ["fixture/shared-\(token):a", "fixture/shared-\(token):b"]
    let images = tags.enumerated().map { index, tag in
      TestImage(
        tags: [tag], created: TestImage.date("2020-07-0\(index + 1)T00:00:00Z"),
        layers: [base, TestLayer(name: "fixture/own-\(token)-\(index)", size: 10_000 * (index + 1))])
    }
    let ids = try load(images)
    defer { remove(tags) }
    #expect(Set(ids).count == 2)
    let layers = try tags.map { try TestEngine.docker(["image", "inspect", "-f", "{{json .RootFS.Layers}}", $0]) }
    let decoded = try layers.map { try JSONDecoder().decode([String].self, from: Data($0.utf8)) }
    #expect(decoded.map(\.count) == [2, 2])
    #expect(decoded[0][0] == decoded[1][0])
    #expect(decoded[0][1] != decoded[1][1])
  }

  @Test func untaggedImageIsDangling() throws {
    let image = TestImage(
      created: TestImage.date("2020-05-01T00:00:00Z"),
      layers: [TestLayer(name: "fixture/dangling-\(token)", size: 2_000)], labels: ["fixture.run": token])
    let ids = try load([image])
    defer { remove(ids) }
    let dangling = try TestEngine.docker(["images", "-q", "--no-trunc", "-f", "dangling=true"])
    #expect(dangling.split(separator: "\n").map(String.init).contains(ids[0]))
    let tags = try TestEngine.docker(["image", "inspect", "-f", "{{len .RepoTags}}", ids[0]])
    #expect(tags == "0")
  }

  @Test func busyboxImageRunsAContainer() throws {
    let tag = "fixture/busybox-\(token):1"
    let image = TestImage(
      tags: [tag], created: TestImage.date("2020-07-07T00:00:00Z"), labels: ["fixture.run": token], busybox: true)
    _ = try load([image])
    defer { remove([tag]) }
    let container = try TestEngine.docker(["run", "-d", "--network", "none", tag, "sleep", "30"])
    defer { _ = try? TestEngine.docker(["rm", "-f", container]) }
    #expect(try TestEngine.docker(["inspect", "-f", "{{.State.Running}}", container]) == "true")
    #expect(try TestEngine.docker(["run", "--rm", "--network", "none", tag, "echo", "hi"]) == "hi")
  }

  @Test func manySetWritesEveryTag() throws {
    let images = ImageSets.many(20, tagsPerImage: 3, repository: "fixture/many-\(token)")
    #expect(images.flatMap(\.tags).count == 60)
    #expect(Set(images).count == 20)
    let ids = try load(images)
    defer { remove(images.flatMap(\.tags)) }
    #expect(Set(ids).count == 20)
    let listed = try TestEngine.docker([
      "images", "--format", "{{.Repository}}:{{.Tag}}", "-f", "label=docksweep.fixture=fixture/many-\(token)",
    ])
    #expect(Set(listed.split(separator: "\n").map(String.init)) == Set(images.flatMap(\.tags)))
  }

  @Test func archiveListsWithTar() throws {
    let archive = scratch.appendingPathComponent("listing.tar")
    defer { try? FileManager.default.removeItem(at: scratch) }
    let layer = TestLayer(name: "fixture/listing", size: 5_000_000)
    let ids = try ImageArchive.write(
      [TestImage(tags: ["fixture/listing:1"], created: TestImage.date("2020-01-02T03:04:05Z"), layers: [layer])],
      to: archive)
    let listing = try run("/bin/tar", ["-tvf", archive.path])
    let hex = ids[0].dropFirst("sha256:".count)
    #expect(listing.contains("\(hex).json"))
    #expect(listing.contains("manifest.json"))
    #expect(listing.contains("layer.tar"))
    let attributes = try FileManager.default.attributesOfItem(atPath: archive.path)
    #expect((attributes[.size] as? Int ?? 0) > 5_000_000)
  }

  /// Runs a program and returns its standard output; throws if it fails.
  func run(_ program: String, _ args: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = args
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw TestImagesError("\(program) exited with status \(process.terminationStatus)")
    }
    return String(decoding: data, as: UTF8.self)
  }
}
