import DockerEngine
import DockerFormats
import FoundationEssentials
import LuaBridge

/// `list:print{columns = {...}}`: the docker-style table with chosen columns.
enum ColumnSelection {
  static let imageColumns = ["repository", "tag", "id", "created", "size", "containers"]
  static let containerColumns = ["id", "image", "command", "created", "status", "name", "state"]

  static func images(_ list: ImageList, columns: [String], position: Int32) throws -> String {
    let chosen = columns.isEmpty ? ["repository", "tag", "id", "created", "size"] : columns
    try check(chosen, allowed: imageColumns, position: position)
    let now = Date()
    var rows: [[String]] = []
    for item in list.items {
      let refs = item.refs.isEmpty ? ["<none>:<none>"] : item.refs
      for ref in refs {
        let (repo, tag) = ref == "<none>:<none>" ? ("<none>", "<none>") : ImageItem.split(ref)
        rows.append(
          try chosen.map { c in
            switch c {
            case "repository": return repo
            case "tag": return tag
            case "id": return item.shortID
            case "created":
              return HumanDuration.ago(Date(timeIntervalSince1970: TimeInterval(item.summary.created)), now: now)
            case "size": return ByteSize.image(item.summary.size)
            default: return String(try list.usage.count(for: item.summary))
            }
          })
      }
    }
    return TextTable.render(header: chosen.map { $0 == "id" ? "IMAGE ID" : $0.uppercased() }, rows: rows)
  }

  static func containers(_ list: ContainerList, columns: [String], position: Int32) throws -> String {
    let chosen = columns.isEmpty ? ["id", "image", "command", "created", "status", "name"] : columns
    try check(chosen, allowed: containerColumns, position: position)
    let now = Date()
    let rows = list.items.map { c in
      chosen.map { col -> String in
        switch col {
        case "id": return c.shortID
        case "image": return c.image
        case "command": return c.commandCell
        case "created": return HumanDuration.ago(Date(timeIntervalSince1970: TimeInterval(c.created)), now: now)
        case "status": return c.status
        case "state": return c.state
        default: return c.name
        }
      }
    }
    let header = chosen.map { col -> String in
      switch col {
      case "id": return "CONTAINER ID"
      case "name": return "NAMES"
      default: return col.uppercased()
      }
    }
    return TextTable.render(header: header, rows: rows)
  }

  private static func check(_ columns: [String], allowed: [String], position: Int32) throws {
    for c in columns where !allowed.contains(c) {
      var reason = "unknown column '\(c)'"
      if let near = Suggestion.closest(to: c, among: allowed) { reason += " (did you mean '\(near)'?)" }
      throw LuaArgumentError(position: position, reason: reason + "; columns: " + allowed.joined(separator: ", "))
    }
  }
}
