import DockerEngine
import Foundation
import TestImages

/// The private test engine and per-test image sets for the client's integration tests.
///
/// Tests of every suite share one engine and run in parallel, so each test works only on images and
/// containers carrying its own unique names and label, and never counts engine-wide objects.
enum EngineFixture {
  /// The label key every object made by these tests carries; its value is a test's `scope`.
  static let labelKey = "docksweep.client-test"

  /// A client of the engine named by `DOCKER_HOST`; fails (never skips) when it is not set.
  static func client(
    apiVersion: String? = nil, maxConcurrency: Int = 8, requestTimeout: Duration? = nil
  ) throws -> DockerClient {
    guard let host = ProcessInfo.processInfo.environment["DOCKER_HOST"], !host.isEmpty else {
      throw TestImagesError(
        "DOCKER_HOST is not set: this test needs the private test engine. Run scripts/test, or "
          + "`eval \"$(scripts/engine start)\"` (or `eval \"$(scripts/engine env)\"` if it runs) first.")
    }
    let endpoint = try EngineEndpoint.resolve(host: host, context: nil, environment: [:])
    return try DockerClient(
      endpoint: endpoint, apiVersion: apiVersion, maxConcurrency: maxConcurrency, requestTimeout: requestTimeout)
  }

  /// Runs `body` with a fresh client and shuts the client down afterwards, whatever happens.
  static func withClient<T>(
    apiVersion: String? = nil, maxConcurrency: Int = 8, _ body: (DockerClient) async throws -> T
  ) async throws -> T {
    let client = try client(apiVersion: apiVersion, maxConcurrency: maxConcurrency)
    do {
      let result = try await body(client)
      try await client.shutdown()
      return result
    } catch {
      try? await client.shutdown()
      throw error
    }
  }

  /// A name unique to one test run, usable as a repository name and label value: `clienttest-<8 hex>`.
  static func uniqueScope(_ hint: String) -> String {
    "clienttest-\(hint)-\(UUID().uuidString.prefix(8).lowercased())"
  }

  /// `scope`'s label filter.
  static func filters(_ scope: String, _ extra: [String: [String]] = [:]) -> Filters {
    var filters = Filters(extra)
    filters.add("label", "\(labelKey)=\(scope)")
    return filters
  }

  /// A small image of `scope`: tagged `tags` (none for a dangling one), with a layer of its own so that
  /// removing it frees space.
  static func image(
    _ scope: String, tags: [String], created: String = "2021-03-04T05:06:07Z", layerBytes: Int = 2_048,
    busybox: Bool = false, cmd: [String]? = nil, seed: String = ""
  ) -> TestImage {
    TestImage(
      tags: tags, created: TestImage.date(created),
      layers: [TestLayer(name: "\(scope)/\(tags.first ?? "dangling")/\(created)/\(seed)", size: layerBytes)],
      labels: [labelKey: scope], busybox: busybox, cmd: cmd)
  }

  /// A scratch directory removed when `body` returns.
  static func withTemporaryDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("docksweep-client-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try await body(directory)
  }

  /// Writes `images` into an archive and loads it with `client`; returns the image IDs in order.
  @discardableResult
  static func load(_ images: [TestImage], with client: DockerClient) async throws -> [String] {
    try await withTemporaryDirectory { directory in
      let archive = directory.appendingPathComponent("images.tar")
      let ids = try ImageArchive.write(images, to: archive)
      try await client.loadImages(from: archive.path)
      return ids
    }
  }

  /// Removes every container and image of `scope` (best effort, for the end of a test).
  static func cleanUp(_ scope: String, with client: DockerClient) async {
    let filters = filters(scope)
    for container in (try? await client.containers(all: true, filters: filters)) ?? [] {
      _ = try? await client.removeContainer(container.id, force: true)
    }
    for image in (try? await client.images(all: true, filters: filters)) ?? [] {
      _ = try? await client.removeImage(image.id, force: true)
    }
  }

  /// Runs a prune, retrying while another test's prune is running (the engine allows one at a time).
  static func retryingPrune<T>(_ prune: () async throws -> T) async throws -> T {
    var attempt = 0
    while true {
      do {
        return try await prune()
      } catch let error as DockerError
        where error.kind == .conflict && error.message.contains("prune operation is already running")
        && attempt < 50
      {
        attempt += 1
        try await Task.sleep(for: .milliseconds(200))
      }
    }
  }
}
