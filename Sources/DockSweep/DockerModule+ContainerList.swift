import DockerEngine
import Foundation
import LuaBridge

extension DockerModule {
  /// The methods of container lists.
  func containerListType() -> LuaObjectType {
    var t = LuaObjectType(name: ContainerList.luaTypeName)
    let session = self.session
    let list = ContainerList.list
    let filtered = ContainerList.filtered
    t.methods = ContainerList.sharedMethods.merging([
      "match": { call in
        let regex = try call.regex(2)
        return try filtered(call) { c in
          c.bareNames.contains { regex.matches($0) }
        }
      },
      "exclude": { call in
        let regex = try call.regex(2)
        return try filtered(call) { c in
          !c.bareNames.contains { regex.matches($0) }
        }
      },
      "running": { call in try filtered(call) { $0.isRunning } },
      "stopped": { call in try filtered(call) { !$0.isRunning } },
      "using": { call in
        let what = try call.string(2)
        let ids = try session.dockerModule.imageIDs(matching: what)
        let regex = try? NSRegularExpression(pattern: what)
        return try filtered(call) { c in
          ids.contains(c.imageID) || c.image == what || c.imageID == what || c.imageID == "sha256:" + what
            || (what.count >= 4 && c.imageID.hasPrefix("sha256:" + what))
            || (ids.isEmpty && regex?.matches(c.image) == true)
        }
      },
      "sort_by": { call in
        let l = try list(call)
        let field = try call.string(2)
        let descending = try SortOrder.read(call, 3)
        let key: (ContainerSummary) -> SortKey
        switch field {
        case "created": key = { .number(Double($0.created)) }
        case "name": key = { .text($0.name) }
        case "image": key = { .text($0.image) }
        case "state": key = { .text($0.state) }
        case "size": key = { .number(Double($0.sizeRw ?? 0)) }
        default:
          throw LuaArgumentError(
            position: 2, reason: "unknown sort field '\(field)'; use created, name, image, state or size")
        }
        return [.object(ContainerList(SortKey.sort(l.items, by: key, descending: descending)))]
      },
      "ids": { call in [.table(LuaTable(array: try list(call).items.map { .string($0.id) }))] },
      "names": { call in [.table(LuaTable(array: try list(call).items.map { .string($0.name) }))] },
      "remove": { call in
        let l = try list(call)
        let o = try call.options(2, allowed: ["force", "volumes", "stop"])
        let action = ContainerOperation.Action.remove(
          force: try o?.bool("force", default: false, position: 2) ?? false,
          volumes: try o?.bool("volumes", default: false, position: 2) ?? false,
          stopFirst: try o?.bool("stop", default: false, position: 2) ?? false)
        return [.object(try ContainerOperation(session: session, action: action).run(l.items))]
      },
      "stop": { call in
        let l = try list(call)
        let o = try call.options(2, allowed: ["timeout"])
        let timeout = try o?.integer("timeout", position: 2).map { Int($0) }
        return [.object(try ContainerOperation(session: session, action: .stop(timeout: timeout)).run(l.items))]
      },
      "print": { call in
        let l = try list(call)
        let o = try call.options(2, allowed: ["columns"])
        session.io.write(
          try ColumnSelection.containers(l, columns: try o?.strings("columns", position: 2) ?? [], position: 2))
        return []
      },
    ]) { _, own in own }
    ContainerList.addAccess(to: &t)
    return t
  }
}
