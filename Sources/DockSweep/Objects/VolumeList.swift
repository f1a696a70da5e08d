import DockerEngine
import DockerFormats
import FoundationEssentials
import LuaBridge

/// An immutable list of volumes as Lua sees it (`docker.volumes()`).
final class VolumeList: ObjectList, EngineBound {
  static let className = "VolumeList"
  static let summary = "a list of volumes; filters return new lists"
  static let elementClass = "Volume"
  static let sortFields: [SortField<VolumeSummary>] = [
    SortField(name: "size") { .number(Double($0.size)) },
    SortField(name: "name") { .text($0.name) },
    SortField(name: "created") { .number(Double(VolumeList.created($0))) },
  ]

  let items: [VolumeSummary]
  weak var module: DockerModule?

  init(_ items: [VolumeSummary]) {
    self.items = items
  }

  func with(_ items: [VolumeSummary]) -> VolumeList {
    let list = VolumeList(items)
    list.module = module
    return list
  }

  func object(for item: VolumeSummary) -> LuaValue { .object(VolumeObject(item)) }

  static func id(_ item: VolumeSummary) -> String { item.name }

  /// Seconds since 1970 from the engine's `CreatedAt` (0 when it sent none).
  static func created(_ item: VolumeSummary) -> Int64 { EngineTimestamp.unixSeconds(item.createdAt) }

  static func labels(_ item: VolumeSummary) -> [String: String] { item.labels }

  func matching(_ regex: StoppableRegex, keep: Bool) throws -> VolumeList {
    with(try items.filter { try regex.matches($0.name) == keep })
  }

  /// The list as `docker volume ls` prints it, with the size `docker system df -v` measures.
  func table(now: Date = Date()) -> String {
    TextTable.render(
      header: ["DRIVER", "VOLUME NAME", "SIZE"],
      rows: items.map { [$0.driver, $0.name, $0.size >= 0 ? ByteSize.df($0.size) : "N/A"] })
  }

  func table(columns: [String], position: Int32) throws -> String {
    guard columns.isEmpty else {
      throw LuaArgumentError(position: position, reason: "volume lists print all their columns; give no columns")
    }
    return table(now: Date())
  }
}
