import DockerEngine
import Foundation
import LuaBridge

/// One container as Lua sees it.
final class ContainerObject: LuaObject {
  static let luaTypeName = "docker.Container"
  let summary: ContainerSummary

  init(_ summary: ContainerSummary) {
    self.summary = summary
  }

  func field(_ key: String) -> LuaValue {
    let c = summary
    switch key {
    case "id": return .string(c.id)
    case "short_id": return .string(c.shortID)
    case "name": return .string(c.name)
    case "names":
      return .table(LuaTable(array: c.bareNames.map { .string($0) }))
    case "image": return .string(c.image)
    case "image_id": return .string(c.imageID)
    case "command": return .string(c.command)
    case "created": return .integer(c.created)
    case "state": return .string(c.state)
    case "status": return .string(c.status)
    case "labels": return .table(LuaTable(fields: c.labels.mapValues { .string($0) }))
    default: return .nil
    }
  }

  var text: String { "docker.Container: \(summary.name) (\(summary.shortID), \(summary.image), \(summary.status))" }
}
