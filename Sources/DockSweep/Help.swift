import LuaBridge

/// The `help` global: `help()` lists the API, `help "match"` or
/// `help(docker.images)` shows signatures and examples.
enum Help {
  /// The order of the groups in ``overview()``: the modules first, then what they return; any other
  /// owner after these, by name.
  static let groupOrder = ["docker", "units", "ImageList", "Image", "ContainerList", "Container", "Report"]

  static func overview() -> String {
    var lines = ["docksweep: Docker cleanup in Lua. help \"name\" shows one function.", ""]
    let rank = { (owner: String) in groupOrder.firstIndex(of: owner) ?? groupOrder.count }
    let entries = ApiCatalog.entries.sorted {
      (rank($0.parts.owner), $0.parts.owner, $0.name) < (rank($1.parts.owner), $1.parts.owner, $1.name)
    }
    let width = min(40, (entries.map(\.signature.count).max() ?? 0) + 2)
    var owner: String?
    for e in entries {
      if e.parts.owner != owner {
        if owner != nil { lines.append("") }
        owner = e.parts.owner
        lines.append(owner == "docker" || owner == "units" ? "\(e.parts.owner) module:" : "\(e.parts.owner) methods:")
      }
      lines.append(
        "  " + e.signature.padding(toLength: max(width, e.signature.count + 1), withPad: " ", startingAt: 0)
          + e.summary)
    }
    lines.append("")
    lines.append(
      "Options tables reject unknown keys. Sizes: 500MB, 1.5GB, 2GiB. Times: 168h, 7d, 2w, 2020-07-07T00:00:00.")
    lines.append("usage(text) ends a recipe given bad arguments: `docksweep: usage: text`, exit status 2.")
    return lines.joined(separator: "\n")
  }

  static func detail(_ name: String) -> String? {
    let found = ApiCatalog.lookup(name)
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
