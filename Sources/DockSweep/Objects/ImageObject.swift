import DockerEngine
import DockerFormats
import FoundationEssentials
import LuaBridge

/// One image as Lua sees it (`list[1]`, the argument of `:filter`).
final class ImageObject: LuaClass, EngineBound {
  static let className = "Image"
  static let summary = "one image"
  static let fields: [Field<ImageObject>] = [
    Field("id", "string") { .string($0.item.summary.id) },
    Field("short_id", "string") { .string($0.item.shortID) },
    Field("tags", "string[]") { .table(LuaTable(array: $0.item.refs.map { .string($0) })) },
    Field("repository", "string") { .string($0.item.refs.first.map { ImageItem.split($0).repository } ?? "<none>") },
    Field("tag", "string") { .string($0.item.refs.first.map { ImageItem.split($0).tag } ?? "<none>") },
    Field("digests", "string[]") { .table(LuaTable(array: $0.item.summary.repoDigests.map { .string($0) })) },
    Field("created", "integer") { .integer($0.item.summary.created) },
    Field("created_at", "string") { .string(JSONDocument.rfc3339($0.item.summary.created)) },
    Field("size", "integer") { .integer($0.item.summary.size) },
    // The engine reports -1 when it did not compute it (always before API 1.42).
    Field("shared_size", "integer?") { $0.item.summary.sharedSize < 0 ? .nil : .integer($0.item.summary.sharedSize) },
    Field("labels", "table<string,string>") {
      .table(LuaTable(fields: $0.item.summary.labels.mapValues { .string($0) }))
    },
    Field("containers", "integer") { .integer(Int64(try $0.usage.count(for: $0.item.summary))) },
    Field("dangling", "boolean") { .boolean($0.item.summary.repoTags.isEmpty) },
    Field("parent_id", "string") { .string($0.item.summary.parentID) },
    Field("last_used", "integer?") { o in try o.lastUseRecord().map { .integer($0.lastUsed) } ?? .nil },
    Field("last_used_at", "string?") { o in
      try o.lastUseRecord().map { .string(JSONDocument.rfc3339($0.lastUsed)) } ?? .nil
    },
    Field("use_count", "integer") { .integer(Int64(try $0.lastUseRecord()?.uses ?? 0)) },
    Field("engine", "string") { .string($0.engine) },
  ]

  let item: ImageItem
  let usage: ContainerUsage
  let lastUse: LastUseSource
  /// The engine the image is on: its name in a fleet, else its address.
  let engine: String
  weak var module: DockerModule?

  init(_ item: ImageItem, usage: ContainerUsage, lastUse: LastUseSource, engine: String = "") {
    self.item = item
    self.usage = usage
    self.lastUse = lastUse
    self.engine = engine
  }

  /// The image's last use (unix seconds) and use count, nil when unknown.
  func lastUseRecord() throws -> LastUseRecord? {
    try item.lastUse ?? lastUse.record(for: item.summary.id)
  }

  var text: String {
    let name = item.refs.first ?? "<none>:<none>"
    let age = HumanDuration.ago(Date(timeIntervalSince1970: TimeInterval(item.summary.created)), now: Date())
    return "docker.Image: \(name) (\(item.shortID), \(ByteSize.image(item.summary.size)), created \(age))"
  }
}
