import DockerEngine
import Foundation
import LuaBridge

/// An immutable list of containers as Lua sees it (`docker.containers()`).
final class ContainerList: ObjectList {
  static let luaTypeName = "docker.ContainerList"
  let items: [ContainerSummary]

  init(_ items: [ContainerSummary]) {
    self.items = items
  }

  func with(_ items: [ContainerSummary]) -> ContainerList { ContainerList(items) }

  func object(for item: ContainerSummary) -> LuaValue { .object(ContainerObject(item)) }

  static func created(_ item: ContainerSummary) -> Int64 { item.created }

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
