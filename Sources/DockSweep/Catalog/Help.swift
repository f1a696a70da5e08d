import DockerFormats
import LuaBridge

/// The `help` global: `help()` lists the API, `help "match"` or
/// `help(docker.images)` shows signatures and examples.
enum Help {
  static func overview() -> String {
    var lines = ["docksweep: Docker cleanup in Lua. help \"name\" shows one function.", ""]
    let order = Catalog.groupOrder
    let rank = { (owner: String) in order.firstIndex(of: owner) ?? order.count }
    let entries = Catalog.bindings.sorted {
      (rank($0.owner.name), $0.owner.name, $0.fullName) < (rank($1.owner.name), $1.owner.name, $1.fullName)
    }
    let width = min(40, (entries.map(\.signature.count).max() ?? 0) + 2)
    var owner: String?
    for e in entries {
      if e.owner.name != owner {
        if owner != nil { lines.append("") }
        owner = e.owner.name
        lines.append(e.isMethod ? "\(e.owner.name) methods:" : "\(e.owner.name) module:")
      }
      lines.append(
        "  " + e.signature.padded(to: max(width, e.signature.count + 1))
          + e.summary)
    }
    lines.append("")
    lines.append(
      "Options tables reject unknown keys. Sizes: 500MB, 1.5GB, 2GiB. Times: 168h, 7d, 2w, 2020-07-07T00:00:00.")
    lines.append("usage(text) ends a recipe given bad arguments: `docksweep: usage: text`, exit status 2.")
    return lines.joined(separator: "\n")
  }

  static func detail(_ name: String) -> String? {
    let found = Catalog.lookup(name)
    guard !found.isEmpty else { return nil }
    return found.map { e in
      "\(e.signature) -> \(e.returns)\n  \(e.summary)\n  example: \(e.example)"
    }.joined(separator: "\n")
  }

  /// The `help` function, writing to `io`.
  static func function(io: SessionIO) -> LuaSwiftFunction {
    LuaSwiftFunction("help") { call in
      if call.isNil(1) {
        io.write(overview() + "\n")
        return []
      }
      let name = call.stack.string(at: 1) ?? call.calledFunctionName(1)
      guard let name, let text = detail(name) else {
        throw LuaArgumentError(position: 1, reason: "no help for that; try help() for the list")
      }
      io.write(text + "\n")
      return []
    }
  }
}
