import DockerEngine
import DockerFormats
import FoundationEssentials
import LuaBridge

/// An immutable list of build cache records as Lua sees it (`docker.build_cache()`), least recently used
/// first.
final class BuildCacheList: ObjectList, EngineBound {
  static let className = "BuildCacheList"
  static let summary = "a list of build cache records; filters return new lists"
  static let elementClass = "BuildCacheRecord"
  static let sortFields: [SortField<BuildCacheRecord>] = [
    SortField(name: "size") { .number(Double($0.size)) },
    SortField(name: "last_used") { .number(BuildCachePlan.lastUsed($0).timeIntervalSince1970) },
    SortField(name: "created") { .number(Double(BuildCacheList.created($0))) },
    SortField(name: "id") { .text($0.id) },
  ]

  let items: [BuildCacheRecord]
  weak var module: DockerModule?

  init(_ items: [BuildCacheRecord]) {
    self.items = items
  }

  func with(_ items: [BuildCacheRecord]) -> BuildCacheList {
    let list = BuildCacheList(items)
    list.module = module
    return list
  }

  func object(for item: BuildCacheRecord) -> LuaValue { .object(BuildCacheObject(item)) }

  static func id(_ item: BuildCacheRecord) -> String { item.id }

  static func created(_ item: BuildCacheRecord) -> Int64 { EngineTimestamp.unixSeconds(item.createdAt) }

  static func labels(_ item: BuildCacheRecord) -> [String: String] { [:] }

  /// Records whose description (the build step) matches.
  func matching(_ regex: StoppableRegex, keep: Bool) throws -> BuildCacheList {
    with(try items.filter { try regex.matches($0.description) == keep })
  }

  /// The list as `docker buildx du --verbose` summarises it.
  func table(now: Date = Date()) -> String {
    TextTable.render(
      header: ["ID", "TYPE", "SIZE", "LAST USED", "USAGE", "IN USE", "DESCRIPTION"],
      rows: items.map {
        [
          String($0.id.prefix(12)), $0.type, ByteSize.df($0.size),
          HumanDuration.ago(BuildCachePlan.lastUsed($0), now: now), String($0.usageCount), $0.inUse ? "true" : "false",
          $0.description,
        ]
      })
  }

  func table(columns: [String], position: Int32) throws -> String {
    guard columns.isEmpty else {
      throw LuaArgumentError(position: position, reason: "build cache lists print all their columns; give no columns")
    }
    return table(now: Date())
  }
}

/// One build cache record as Lua sees it.
final class BuildCacheObject: LuaClass {
  static let className = "BuildCacheRecord"
  static let summary = "one build cache record"
  static let fields: [Field<BuildCacheObject>] = [
    Field("id", "string") { .string($0.record.id) },
    Field("type", "string") { .string($0.record.type) },
    Field("description", "string") { .string($0.record.description) },
    Field("size", "integer") { .integer($0.record.size) },
    Field("in_use", "boolean") { .boolean($0.record.inUse) },
    Field("shared", "boolean") { .boolean($0.record.shared) },
    Field("usage_count", "integer") { .integer(Int64($0.record.usageCount)) },
    Field("created", "integer") { .integer(BuildCacheList.created($0.record)) },
    Field("last_used", "integer") { .integer(Int64(BuildCachePlan.lastUsed($0.record).timeIntervalSince1970)) },
  ]

  let record: BuildCacheRecord

  init(_ record: BuildCacheRecord) {
    self.record = record
  }

  var text: String { "docker.BuildCacheRecord: \(record.id.prefix(12)) (\(record.type), \(ByteSize.df(record.size)))" }
}
