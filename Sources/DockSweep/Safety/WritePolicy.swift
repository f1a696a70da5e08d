import FoundationEssentials
import LuaBridge

/// Where a sandboxed script may write files (`docker.save`): only below a
/// directory named with `--allow-write`, or anywhere with `--trust`.
struct WritePolicy {
  let options: SessionOptions

  func check(_ path: String, position: Int32) throws {
    if options.trusted { return }
    let target = Self.resolved(path)
    for dir in options.writableDirectories {
      let base = Self.resolved(dir)
      if target.hasPrefix(base.hasSuffix("/") ? base : base + "/") { return }
    }
    throw LuaRuntimeError(
      "writing \(path) is not allowed in a sandboxed recipe (allow a directory with --allow-write DIR, or run with --trust)"
    )
  }

  /// An absolute path with `.`/`..` and symbolic links of existing parents resolved.
  static func resolved(_ path: String) -> String {
    let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    let url = URL(fileURLWithPath: absolute).standardizedFileURL
    let parent = url.deletingLastPathComponent().resolvingSymlinksInPath()
    return parent.appendingPathComponent(url.lastPathComponent).path
  }
}
