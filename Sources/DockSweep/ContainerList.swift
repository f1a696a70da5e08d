import DockerEngine
import Foundation
import LuaBridge

/// An immutable list of containers as Lua sees it (`docker.containers()`).
final class ContainerList: LuaObject {
  static let luaTypeName = "docker.ContainerList"
  let items: [ContainerSummary]

  init(_ items: [ContainerSummary]) {
    self.items = items
  }

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
