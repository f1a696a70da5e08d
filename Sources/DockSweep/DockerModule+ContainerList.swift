import DockerEngine
import Foundation
import LuaBridge

extension DockerModule {
  /// The methods of container lists.
  func containerListType() -> LuaObjectType {
    var t = LuaObjectType(name: ContainerList.luaTypeName)
    let session = self.session
    func list(_ call: LuaCall) throws -> ContainerList { try call.object(1, as: ContainerList.self) }
    func filtered(_ call: LuaCall, _ keep: (ContainerSummary) throws -> Bool) throws -> [LuaValue] {
      [.object(ContainerList(try list(call).items.filter(keep)))]
    }
    t.methods = [
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
      "created_before": { call in
        let date = try call.time(2).timeIntervalSince1970
        return try filtered(call) { TimeInterval($0.created) < date }
      },
      "created_after": { call in
        let date = try call.time(2).timeIntervalSince1970
        return try filtered(call) { TimeInterval($0.created) > date }
      },
      "older_than": { call in
        let date = try call.age(2).timeIntervalSince1970
        return try filtered(call) { TimeInterval($0.created) < date }
      },
      "newer_than": { call in
        let date = try call.age(2).timeIntervalSince1970
        return try filtered(call) { TimeInterval($0.created) > date }
      },
      "labeled": { call in
        let key = try call.string(2)
        let value = try call.optionalString(3)
        return try filtered(call) { c in
          guard let v = c.labels[key] else { return false }
          return value == nil || v == value
        }
      },
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
      "filter": { call in
        let l = try list(call)
        try call.checkFunction(2)
        var out: [ContainerSummary] = []
        for c in l.items where try call.callFunction(2, with: [.object(ContainerObject(c))]).first?.isTruthy == true {
          out.append(c)
        }
        return [.object(ContainerList(out))]
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
      "first": { call in
        let n = try call.integer(2)
        guard n >= 0 else { throw LuaArgumentError(position: 2, reason: "count must not be negative") }
        return [.object(ContainerList(Array(try list(call).items.prefix(Int(n)))))]
      },
      "ids": { call in [.table(LuaTable(array: try list(call).items.map { .string($0.id) }))] },
      "names": { call in [.table(LuaTable(array: try list(call).items.map { .string($0.name) }))] },
      "remove": { call in
        let l = try list(call)
        let o = try call.options(2, allowed: ["force", "volumes"])
        let action = ContainerOperation.Action.remove(
          force: try o?.bool("force", default: false, position: 2) ?? false,
          volumes: try o?.bool("volumes", default: false, position: 2) ?? false)
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
    ]
    t.toString = { obj in (obj as! ContainerList).table().trimmingTrailingNewline }
    t.length = { obj in (obj as! ContainerList).items.count }
    t.element = { _, obj, index in
      let l = obj as! ContainerList
      guard index >= 1, index <= l.items.count else { return .nil }
      return .object(ContainerObject(l.items[Int(index) - 1]))
    }
    return t
  }
}
