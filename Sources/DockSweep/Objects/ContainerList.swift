import DockerEngine
import DockerFormats
import FoundationEssentials
import LuaBridge

/// An immutable list of containers as Lua sees it (`docker.containers()`).
final class ContainerList: ObjectList, EngineBound {
  static let className = "ContainerList"
  static let summary = "a list of containers; filters return new lists"
  static let elementClass = "Container"
  static let sortFields: [SortField<ContainerSummary>] = [
    SortField(name: "created") { .number(Double($0.created)) },
    SortField(name: "name") { .text($0.name) },
    SortField(name: "image") { .text($0.image) },
    SortField(name: "state") { .text($0.state) },
    SortField(name: "size") { .number(Double($0.sizeRw ?? 0)) },
  ]
  let items: [ContainerSummary]
  weak var module: DockerModule?

  init(_ items: [ContainerSummary]) {
    self.items = items
  }

  func with(_ items: [ContainerSummary]) -> ContainerList {
    let list = ContainerList(items)
    list.module = module
    return list
  }

  func object(for item: ContainerSummary) -> LuaValue {
    let object = ContainerObject(item)
    object.module = module
    return .object(object)
  }

  static func id(_ item: ContainerSummary) -> String { item.id }

  static func created(_ item: ContainerSummary) -> Int64 { item.created }

  func table(columns: [String], position: Int32) throws -> String {
    try ColumnSelection.containers(self, columns: columns, position: position)
  }

  /// Containers one of whose names `regex` matches (`keep`), or the others.
  func matching(_ regex: StoppableRegex, keep: Bool) throws -> ContainerList {
    with(try items.filter { c in try c.bareNames.contains { try regex.matches($0) } == keep })
  }

  static func labels(_ item: ContainerSummary) -> [String: String] { item.labels }

  /// The list as `docker ps -a` prints it.
  func table(now: Date = Date()) -> String {
    let rows = items.map { c -> [String] in
      let created = HumanDuration.ago(Date(timeIntervalSince1970: TimeInterval(c.created)), now: now)
      return [c.shortID, c.image, c.commandCell, created, c.status, "", c.name]
    }
    return TextTable.render(
      header: ["CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES"], rows: rows)
  }
}
