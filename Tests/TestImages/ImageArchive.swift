import DockerEngine
import Foundation

/// Writes images as a `docker save` archive that `docker load` (or `POST /images/load`) accepts.
///
/// The archive holds `manifest.json`, one `<image id>.json` config per image and one `<diff id>/layer.tar`
/// per distinct layer; every layer tar is streamed to disk while its digest is computed, so layer sizes are
/// bounded by disk space, not memory.
/// ```swift
/// let ids = try ImageArchive.write([image], to: URL(fileURLWithPath: "/tmp/images.tar"))
/// try TestEngine.load(URL(fileURLWithPath: "/tmp/images.tar"))
/// ```
public enum ImageArchive {
  /// Placeholder path for a layer whose digest is not known yet; as long as the real one.
  private static let pendingDigest = String(repeating: "0", count: 64)

  /// Writes `images` to a new file at `url` (replacing any file there) and returns their image IDs
  /// (`sha256:<hex>`), in the order of `images`.
  @discardableResult
  public static func write(_ images: [TestImage], to url: URL) throws -> [String] {
    let sink = try FileSink(url: url)
    do {
      let ids = try write(images, to: sink)
      try sink.close()
      return ids
    } catch {
      try? sink.close()
      try? FileManager.default.removeItem(at: url)
      throw error
    }
  }

  private static func write(_ images: [TestImage], to sink: FileSink) throws -> [String] {
    let tar = TarWriter(sink: sink)
    var diffIDs: [TestLayer: String] = [:]
    for layer in images.flatMap(\.allLayers) where diffIDs[layer] == nil {
      diffIDs[layer] = try writeLayer(layer, to: tar, sink: sink)
    }
    var manifest: [[String: Any]] = []
    var imageIDs: [String] = []
    var writtenConfigs: Set<String> = []
    for image in images {
      let layerDigests = image.allLayers.map { diffIDs[$0]! }
      let config = try configJSON(image, diffIDs: layerDigests)
      let hex = SHA256.hex(config)
      if writtenConfigs.insert(hex).inserted {
        try tar.file("\(hex).json", bytes: config, mtime: Int(image.created.timeIntervalSince1970))
      }
      manifest.append([
        "Config": "\(hex).json",
        "RepoTags": image.repoTags,
        "Layers": layerDigests.map { "\($0)/layer.tar" },
      ])
      imageIDs.append("sha256:\(hex)")
    }
    let manifestJSON = try JSONSerialization.data(
      withJSONObject: manifest, options: [.sortedKeys, .withoutEscapingSlashes])
    try tar.file("manifest.json", bytes: Array(manifestJSON), mtime: LayerPlan.mtime)
    try tar.finish()
    return imageIDs
  }

  /// Streams `layer` into the archive as `<diff id>/layer.tar` and returns the diff ID's hex digits.
  ///
  /// The entry headers are written with a placeholder name, then rewritten once the digest is known.
  private static func writeLayer(_ layer: TestLayer, to tar: TarWriter, sink: FileSink) throws -> String {
    let plan = try LayerPlan(layer)
    let size = plan.tarSize
    let headerOffset = sink.offset
    try sink.write(headers(digest: pendingDigest, size: size))
    let hashing = HashingSink(target: sink)
    try plan.write(to: TarWriter(sink: hashing))
    guard hashing.count == size else {
      throw TestImagesError("layer \(layer.name): wrote \(hashing.count) bytes, planned \(size)")
    }
    try tar.writePadding(after: size)
    let digest = hashing.hex
    try sink.overwrite(at: headerOffset, with: headers(digest: digest, size: size))
    return digest
  }

  /// The directory and file headers that open a layer's entry.
  private static func headers(digest: String, size: Int) throws -> [UInt8] {
    try TarWriter.header(path: "\(digest)/", type: .directory, size: 0, mode: 0o755, mtime: LayerPlan.mtime)
      + TarWriter.header(path: "\(digest)/layer.tar", type: .file, size: size, mode: 0o644, mtime: LayerPlan.mtime)
  }

  /// The image config: what `docker image inspect` reports as Created, Config, RootFS and `docker history`.
  private static func configJSON(_ image: TestImage, diffIDs: [String]) throws -> [UInt8] {
    var config: [String: Any] = [
      "Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]
    ]
    if !image.labels.isEmpty {
      config["Labels"] = image.labels
    }
    if let cmd = image.cmd {
      config["Cmd"] = cmd
    }
    let created = image.createdText
    var history: [[String: Any]] = image.allLayers.map { layer in
      ["created": created, "created_by": LayerPlan.createdBy(layer)]
    }
    if let cmd = image.cmd {
      let rendered = "/bin/sh -c #(nop)  CMD [" + cmd.map { "\"\($0)\"" }.joined(separator: " ") + "]"
      history.append(["created": created, "created_by": rendered, "empty_layer": true])
    }
    let document: [String: Any] = [
      "architecture": "amd64",
      "os": "linux",
      "created": created,
      "config": config,
      "rootfs": ["type": "layers", "diff_ids": diffIDs.map { "sha256:\($0)" }],
      "history": history,
    ]
    return Array(try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes]))
  }
}
