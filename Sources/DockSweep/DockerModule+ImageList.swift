import DockerEngine
import Foundation
import LuaBridge

extension DockerModule {
  /// The methods of image lists. Filters return new lists; `remove` returns a Report.
  func imageListType() -> LuaObjectType {
    var t = LuaObjectType(name: ImageList.luaTypeName)
    let session = self.session
    let list = ImageList.list
    let filtered = ImageList.filtered
    t.methods = ImageList.sharedMethods.merging([
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
      "dangling": { call in try filtered(call) { $0.summary.repoTags.isEmpty } },
      "unused": { call in
        let l = try list(call)
        return try filtered(call) { try l.usage.count(for: $0.summary) == 0 }
      },
      "used": { call in
        let l = try list(call)
        return try filtered(call) { try l.usage.count(for: $0.summary) > 0 }
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
    ]) { _, own in own }
    ImageList.addAccess(to: &t)
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
