import LuaBridge

/// A ``Report`` as Lua holds it. Failures are values here; a script that never looks at `failed` (or
/// calls `report:ok()`) ends with exit status 1 when there were any.
final class ReportObject: LuaClass {
  static let className = "Report"
  static let summary = "what a removal, stop or prune did"
  static let fields: [Field<ReportObject>] = [
    Field("operation", "string") { .string($0.report.kind.operation) },
    Field("object", "string") { .string($0.report.kind.object.rawValue) },
    Field("untagged", "string[]") { .table(LuaTable(array: $0.report.untagged.map { .string($0) })) },
    Field("deleted", "string[]") { .table(LuaTable(array: $0.report.deleted.map { .string($0) })) },
    Field("removed", "string[]") { .table(LuaTable(array: $0.report.removed.map { .string($0) })) },
    Field("failed", "{target: string, error: string}[]") { r in
      r.handled = true
      return .table(
        LuaTable(
          array: r.report.failed.map {
            .table(LuaTable(fields: ["target": .string($0.target), "error": .string($0.error)]))
          }))
    },
    Field("skipped", "{target: string, reason: string}[]") { r in
      .table(
        LuaTable(
          array: r.report.skipped.map {
            .table(LuaTable(fields: ["target": .string($0.target), "reason": .string($0.reason)]))
          }))
    },
    Field("removed_volumes", "string[]") { .table(LuaTable(array: $0.report.removedVolumes.map { .string($0) })) },
    Field("deleted_build_cache", "string[]") {
      .table(LuaTable(array: $0.report.deletedBuildCache.map { .string($0) }))
    },
    Field("planned", "{target: string, size: integer?}[]") { r in
      .table(
        LuaTable(
          array: r.report.planned.map { p in
            var fields: [String: LuaValue] = ["target": .string(p.target)]
            if let size = p.size { fields["size"] = .integer(size) }
            return .table(LuaTable(fields: fields))
          }))
    },
    Field("reclaimed", "integer") { .integer($0.report.reclaimed.bytes) },
    Field("dry_run", "boolean") { .boolean($0.report.dryRun) },
    Field(
      "budget",
      "{measure: string, limit: string, high: integer, low: integer, before: integer, after: integer, met: boolean, held_by_containers: integer, held_by_protection: integer, held_by_min_age: integer}?"
    ) { r in
      guard let b = r.report.budget else { return .nil }
      return .table(
        LuaTable(fields: [
          "measure": .string(b.measure.rawValue), "limit": .string(b.limit), "high": .integer(b.high),
          "low": .integer(b.low), "before": .integer(b.before), "after": .integer(b.after), "met": .boolean(b.met),
          "held_by_containers": .integer(b.heldByContainers), "held_by_protection": .integer(b.heldByProtection),
          "held_by_min_age": .integer(b.heldByMinAge),
        ]))
    },
  ]

  let report: Report
  /// Set when a script read `failed` or called `ok`: it took charge of the failures.
  var handled = false
  /// Set once the report's text was shown (printed or turned into a string by the script, or by the session
  /// at the end of the chunk), so that the person sees it exactly once.
  private(set) var shown = false

  init(_ report: Report) {
    self.report = report
  }

  /// The report as JSON; asking for it counts as showing it, as ``text`` does.
  func jsonDocument() throws -> JSONDocument {
    shown = true
    return try fieldsDocument()
  }

  /// The report as the docker CLI words it; asking for it counts as showing it.
  var text: String {
    shown = true
    return report.text
  }
}
