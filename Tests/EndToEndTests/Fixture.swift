import Foundation
import TestImages

/// One test's own images and containers on the test engine: references under `e2e-<token>/`, containers
/// named `e2e-<token>-<name>`, everything labelled `docksweep.e2e=<token>`, so tests can share the engine
/// and run in parallel. ``cleanUp()`` force-removes what is left.
///
/// ```swift
/// let f = try Fixture()
/// defer { f.cleanUp() }
/// try f.load([f.image(["postgres:13-beta1"])])
/// let result = try await Docksweep.run(["-e", "docker.rmi('\(f.ref("postgres:13-beta1"))')"])
/// ```
final class Fixture {
  static let labelKey = "docksweep.e2e"
  /// A command that runs until stopped and stops at once on SIGTERM (a plain `sleep` as PID 1 ignores it).
  static let waitCommand = ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1; done"]

  let token: String
  /// `e2e-<token>`: the repository prefix of this test's images.
  let prefix: String
  let scratch: URL
  private var layers = 0

  /// Fails with a message saying how to get an engine when `DOCKER_HOST` is not set.
  init() throws {
    _ = try TestEngine.host()
    let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
    token = String((0..<10).map { _ in alphabet.randomElement()! })
    prefix = "e2e-\(token)"
    scratch = FileManager.default.temporaryDirectory.appendingPathComponent("docksweep-e2e-\(token)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
  }

  /// `docksweep.e2e=<token>`, for label filters.
  var label: String { "\(Self.labelKey)=\(token)" }

  /// A regex matching this test's references and nothing else: `^e2e-<token>/`.
  var pattern: String { "^\(prefix)/" }

  /// `e2e-<token>/<name>`.
  func ref(_ name: String) -> String { "\(prefix)/\(name)" }

  /// `e2e-<token>-<name>`, a container name.
  func containerName(_ name: String) -> String { "\(prefix)-\(name)" }

  /// An image of this test with tags `names` below the prefix (none: dangling), created at `created`
  /// (RFC 3339), with one layer of its own of `size` bytes; `runnable` adds busybox and a default command
  /// that waits until stopped.
  func image(
    _ names: [String], created: String = "2020-06-25T21:07:45Z", size: Int = 20_000, runnable: Bool = false
  ) -> TestImage {
    image(names, created: TestImage.date(created), size: size, runnable: runnable)
  }

  /// ``image(_:created:size:runnable:)`` with a `Date`.
  func image(_ names: [String], created: Date, size: Int = 20_000, runnable: Bool = false) -> TestImage {
    layers += 1
    return TestImage(
      tags: names.map(ref), created: created, layers: [TestLayer(name: "\(prefix)/layer-\(layers)", size: size)],
      labels: [Self.labelKey: token], busybox: runnable, cmd: runnable ? Self.waitCommand : nil)
  }

  /// Writes `images` to an archive, loads it and returns their IDs in order.
  @discardableResult
  func load(_ images: [TestImage]) throws -> [String] {
    let archive = scratch.appendingPathComponent("load-\(UUID().uuidString).tar")
    defer { try? FileManager.default.removeItem(at: archive) }
    let ids = try ImageArchive.write(images, to: archive)
    try TestEngine.load(archive)
    return ids
  }

  /// Starts a container of `image` (a reference) named ``containerName(_:)``, running `command` instead of the
  /// image's when given; returns its ID.
  @discardableResult
  func run(_ image: String, name: String, command: [String] = []) throws -> String {
    try TestEngine.docker(
      ["run", "-d", "--network", "none", "--label", label, "--name", containerName(name), image] + command)
  }

  /// Three containers of `image`, named after their states: `created` (never started), `exited` (run, then
  /// stopped) and `running`; returns the IDs of the first two, which a container prune removes.
  func containersInEveryState(of image: String) throws -> (created: String, exited: String) {
    let created = try create(image, name: "created")
    let exited = try run(image, name: "exited")
    try TestEngine.docker(["stop", "-t", "5", exited])
    try run(image, name: "running")
    return (created, exited)
  }

  /// A command that ignores SIGTERM (busybox `sleep` as process 1), so a stop waits its whole timeout.
  static let deafCommand = ["sleep", "3600"]

  /// Creates (does not start) a container of `image` named ``containerName(_:)``; returns its ID.
  @discardableResult
  func create(_ image: String, name: String) throws -> String {
    try TestEngine.docker(["create", "--network", "none", "--label", label, "--name", containerName(name), image])
  }

  /// The `repository:tag` references of this test's images the engine has (`<none>:<none>` for dangling ones).
  func refs() throws -> Set<String> {
    let text = try TestEngine.docker([
      "image", "ls", "--format", "{{.Repository}}:{{.Tag}}", "--filter", "label=\(label)",
    ])
    return Set(text.split(separator: "\n").map(String.init))
  }

  /// The full IDs of this test's images the engine has.
  func imageIDs() throws -> Set<String> {
    let text = try TestEngine.docker(["image", "ls", "-a", "-q", "--no-trunc", "--filter", "label=\(label)"])
    return Set(text.split(separator: "\n").map(String.init))
  }

  /// Whether the engine knows `reference` (a reference or an ID).
  func exists(_ reference: String) -> Bool {
    (try? TestEngine.docker(["image", "inspect", "-f", "{{.Id}}", reference])) != nil
  }

  /// The names of this test's containers, with their states (`running`, `exited`, `created`).
  func containers() throws -> [String: String] {
    let text = try TestEngine.docker([
      "ps", "-a", "--filter", "label=\(label)", "--format", "{{.Names}} {{.State}}",
    ])
    var states: [String: String] = [:]
    for line in text.split(separator: "\n") {
      let parts = line.split(separator: " ")
      if parts.count == 2 { states[String(parts[0])] = String(parts[1]) }
    }
    return states
  }

  /// The image's size as the engine reports it (`docker image inspect`).
  func size(of reference: String) throws -> Int64 {
    Int64(try TestEngine.docker(["image", "inspect", "-f", "{{.Size}}", reference])) ?? -1
  }

  /// The first 12 hex digits of an ID.
  static func shortID(_ id: String) -> String {
    String((id.hasPrefix("sha256:") ? String(id.dropFirst(7)) : id).prefix(12))
  }

  /// Force-removes this test's containers and images and the scratch directory.
  func cleanUp() {
    if let text = try? TestEngine.docker(["ps", "-a", "-q", "--filter", "label=\(label)"]), !text.isEmpty {
      _ = try? TestEngine.docker(["rm", "-f"] + text.split(separator: "\n").map(String.init))
    }
    if let ids = try? imageIDs(), !ids.isEmpty {
      _ = try? TestEngine.docker(["image", "rm", "-f"] + ids.sorted())
    }
    try? FileManager.default.removeItem(at: scratch)
  }
}
