/// One object a bulk operation acts on, with everything the pipeline shows about it.
struct BulkTarget<Work: Sendable>: Sendable {
  /// Unique within one operation: tells which targets were started.
  let id: String
  /// How it is named in the report when it was not started (one name per reference it would remove).
  let names: [String]
  /// Its lines in the confirmation question.
  let question: [String]
  /// Its lines in a dry-run plan.
  let plan: [Report.Planned]
  /// Bytes its removal would free, summed into a dry run's total (nil: none is reported).
  let size: Int64?
  /// What the engine is asked to do.
  let work: Work
}
