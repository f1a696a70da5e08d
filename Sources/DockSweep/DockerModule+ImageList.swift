import DockerEngine
import Foundation
import LuaBridge

extension DockerModule {
  /// The methods of image lists. Filters return new lists; `remove` returns a Report.
  func imageListType() -> LuaObjectType {
    var t = LuaObjectType(name: ImageList.luaTypeName)
    let session = self.session
    func list(_ call: LuaCall) throws -> ImageList { try call.object(1, as: ImageList.self) }
    func filtered(_ call: LuaCall, _ keep: (ImageItem) throws -> Bool) throws -> [LuaValue] {
      let l = try list(call)
      return [.object(l.with(try l.items.filter(keep)))]
    }
    t.methods = [
      "match": { call in
        let l = try list(call)
        let regex = try call.regex(2)
        var out: [ImageItem] = []
        for var item in l.items {
          let refs = item.refs.filter { regex.matches($0) }
          if refs.isEmpty { continue }
          item.selectedRefs = refs
          out.append(item)
        }
        return [.object(l.with(out))]
      },
      "exclude": { call in
        let l = try list(call)
        let regex = try call.regex(2)
        var out: [ImageItem] = []
        for var item in l.items {
          if item.selectedRefs != nil {
            let refs = item.refs.filter { !regex.matches($0) }
            if refs.isEmpty { continue }
            item.selectedRefs = refs
          } else if item.summary.repoTags.contains(where: { regex.matches($0) }) {
            continue
          }
          out.append(item)
        }
        return [.object(l.with(out))]
      },
      "larger_than": { call in
        let bytes = try call.size(2)
        return try filtered(call) { $0.summary.size > bytes }
      },
      "smaller_than": { call in
        let bytes = try call.size(2)
        return try filtered(call) { $0.summary.size < bytes }
      },
      "created_before": { call in
        let date = try call.time(2).timeIntervalSince1970
        return try filtered(call) { TimeInterval($0.summary.created) < date }
      },
      "created_after": { call in
        let date = try call.time(2).timeIntervalSince1970
        return try filtered(call) { TimeInterval($0.summary.created) > date }
      },
      "older_than": { call in
        let date = try call.age(2).timeIntervalSince1970
        return try filtered(call) { TimeInterval($0.summary.created) < date }
      },
      "newer_than": { call in
        let date = try call.age(2).timeIntervalSince1970
        return try filtered(call) { TimeInterval($0.summary.created) > date }
      },
      "dangling": { call in try filtered(call) { $0.summary.repoTags.isEmpty } },
      "unused": { call in
        let l = try list(call)
        return try filtered(call) { try l.usage.count(for: $0.summary) == 0 }
      },
      "used": { call in
        let l = try list(call)
        return try filtered(call) { try l.usage.count(for: $0.summary) > 0 }
      },
      "labeled": { call in
        let key = try call.string(2)
        let value = try call.optionalString(3)
        return try filtered(call) { item in
          guard let v = item.summary.labels[key] else { return false }
          return value == nil || v == value
        }
      },
      "filter": { call in
        let l = try list(call)
        try call.checkFunction(2)
        var out: [ImageItem] = []
        for item in l.items {
          let r = try call.callFunction(2, with: [.object(ImageObject(item, usage: l.usage))])
          if r.first?.isTruthy == true { out.append(item) }
        }
        return [.object(l.with(out))]
      },
      "sort_by": { call in
        let l = try list(call)
        let field = try call.string(2)
        let descending = try SortOrder.read(call, 3)
        let key: (ImageItem) -> SortKey
        switch field {
        case "size": key = { .number(Double($0.summary.size)) }
        case "created": key = { .number(Double($0.summary.created)) }
        case "repository", "name", "tag": key = { .text($0.refs.first ?? "") }
        case "id": key = { .text($0.summary.id) }
        default:
          throw LuaArgumentError(
            position: 2, reason: "unknown sort field '\(field)'; use size, created, repository, tag or id")
        }
        return [.object(l.with(SortKey.sort(l.items, by: key, descending: descending)))]
      },
      "first": { call in
        let l = try list(call)
        let n = try call.integer(2)
        guard n >= 0 else { throw LuaArgumentError(position: 2, reason: "count must not be negative") }
        return [.object(l.with(Array(l.items.prefix(Int(n)))))]
      },
      "refs": { call in
        let l = try list(call)
        return [.table(LuaTable(array: l.items.flatMap { $0.refs.map { .string($0) } }))]
      },
      "ids": { call in
        let l = try list(call)
        return [.table(LuaTable(array: l.items.map { .string($0.summary.id) }))]
      },
      "total_size": { call in [.integer(try list(call).items.reduce(0) { $0 + $1.summary.size })] },
      "remove": { call in
        let l = try list(call)
        let o = try call.options(2, allowed: ["force", "prune"])
        let force = try o?.bool("force", default: false, position: 2) ?? false
        let prune = try o?.bool("prune", default: true, position: 2) ?? true
        return [.object(try ImageRemoval(session: session, force: force, prune: prune).run(l.items))]
      },
      "save": { call in
        let l = try list(call)
        let path = try call.string(2)
        return [
          try session.dockerModule.save(
            refs: l.items.flatMap { $0.refs.isEmpty ? [$0.summary.id] : $0.refs }, path: path, position: 2)
        ]
      },
      "print": { call in
        let l = try list(call)
        let o = try call.options(2, allowed: ["columns"])
        let columns = try o?.strings("columns", position: 2) ?? []
        session.io.write(try ColumnSelection.images(l, columns: columns, position: 2))
        return []
      },
    ]
    t.toString = { obj in (obj as! ImageList).table().trimmingTrailingNewline }
    t.length = { obj in (obj as! ImageList).items.count }
    t.element = { _, obj, index in
      let l = obj as! ImageList
      guard index >= 1, index <= l.items.count else { return .nil }
      return .object(ImageObject(l.items[Int(index) - 1], usage: l.usage))
    }
    return t
  }
}

extension NSRegularExpression {
  /// Whether the pattern matches anywhere in `text`.
  func matches(_ text: String) -> Bool {
    firstMatch(in: text, range: NSRange(location: 0, length: text.utf16.count)) != nil
  }
}

extension String {
  var trimmingTrailingNewline: String { hasSuffix("\n") ? String(dropLast()) : self }
}
