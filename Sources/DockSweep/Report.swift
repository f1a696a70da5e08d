import DockerEngine
import LuaBridge

/// What a removal did: returned by every removal, printed like the docker CLI.
/// Failures are values here; a script that never looks at `failed` (or calls
/// `report:ok()`) ends with exit status 1 when there were any.
final class Report: LuaObject {
  static let luaTypeName = "docker.Report"

  /// What the removal was of, for the header of a dry-run plan: "image", "container".
  let noun: String
  /// What was done to them, for the same header: "remove", "stop".
  var verb = "remove"
  var untagged: [String] = []
  var deleted: [String] = []
  var removed: [String] = []
  var failed: [(target: String, error: String)] = []
  var skipped: [(target: String, reason: String)] = []
  /// Items a dry run would remove, with their sizes.
  var planned: [(target: String, size: Int64?)] = []
  /// Bytes freed as the engine measured them (prunes), or else the summed sizes of the images removed.
  var reclaimed: Int64 = 0
  /// Whether ``reclaimed`` is the engine's own measure of freed space. Summed image sizes count layers that
  /// images share once per image, and a shared layer stays on disk while another image uses it.
  var reclaimedIsMeasured = false
  var dryRun = false
  /// Set when a script read `failed` or called `ok`: it took charge of the failures.
  var handled = false
  /// Whether reclaimed space is printed (prunes and image removals print it).
  var showsReclaimed = true
  /// Print as `docker image prune` / `docker container prune` do (`Deleted Images:`, lowercase items).
  var pruneStyle = false

  init(noun: String) {
    self.noun = noun
  }

  /// Records the engine's answer to an image removal or prune.
  func record(_ items: [ImageDeleteItem]) {
    for item in items {
      switch item {
      case .untagged(let ref): untagged.append(ref)
      case .deleted(let id): deleted.append(id)
      }
    }
  }

  /// True when nothing failed.
  var ok: Bool { failed.isEmpty }

  var text: String {
    var lines: [String] = []
    if dryRun {
      lines.append("Dry run: would \(verb) \(planned.count) \(noun)\(planned.count == 1 ? "" : "s")")
      for p in planned {
        lines.append("  \(p.target)" + (p.size.map { "  \(ByteSize.image($0))" } ?? ""))
      }
    }
    if pruneStyle {
      if !untagged.isEmpty || !deleted.isEmpty {
        lines.append("Deleted Images:")
        lines += untagged.map { "untagged: \($0)" }
        lines += deleted.map { "deleted: \($0)" }
        lines.append("")
      }
      if !removed.isEmpty {
        lines.append("Deleted Containers:")
        lines += removed
        lines.append("")
      }
    } else {
      lines += untagged.map { "Untagged: \($0)" }
      lines += deleted.map { "Deleted: \($0)" }
      lines += removed
    }
    lines += skipped.map { "Skipped: \($0.target) (\($0.reason))" }
    lines += failed.map { "Error: \($0.target): \($0.error)" }
    if showsReclaimed {
      if reclaimedIsMeasured {
        lines.append("Total reclaimed space: " + ByteSize.df(reclaimed))
      } else {
        lines.append(
          (dryRun ? "Total size of the images to remove: " : "Total size of the removed images: ")
            + ByteSize.df(reclaimed) + " (layers other images share stay on disk)")
      }
    }
    return lines.joined(separator: "\n")
  }

  /// The report as a Lua field value.
  func field(_ key: String) -> LuaValue? {
    switch key {
    case "untagged": return .table(LuaTable(array: untagged.map { .string($0) }))
    case "deleted": return .table(LuaTable(array: deleted.map { .string($0) }))
    case "removed": return .table(LuaTable(array: removed.map { .string($0) }))
    case "failed":
      handled = true
      return .table(
        LuaTable(
          array: failed.map { .table(LuaTable(fields: ["target": .string($0.target), "error": .string($0.error)])) }))
    case "skipped":
      return .table(
        LuaTable(
          array: skipped.map {
            .table(LuaTable(fields: ["target": .string($0.target), "reason": .string($0.reason)]))
          }))
    case "reclaimed": return .integer(reclaimed)
    case "dry_run": return .boolean(dryRun)
    default: return nil
    }
  }
}
