import DockerEngine
import FoundationEssentials
import LuaBridge
import NIOConcurrencyHelpers

/// The one way docksweep acts on many objects: the confirmation question, the dry-run plan, the work
/// itself with bounded concurrency, progress and interrupts, and the report.
///
/// An operation chooses its targets (and records what protection skipped) before it calls the
/// pipeline; the pipeline never adds a target, so nothing is acted on that the plan did not list.
struct BulkPipeline {
  let session: Session
  /// The progress line's label: "Removing images".
  let progress: String
  /// Most requests in flight at once.
  let concurrency: Int
  /// The objects in the question: "3 images", "6 references (3 images)".
  let what: String

  /// Asks, plans or acts on `targets`, recording into `report`. `perform` does one target's work;
  /// `record` folds its outcome into the report. Targets an interrupt kept from starting are reported
  /// as skipped. Ends with ``Session/finishBulk(_:)``, so an interrupt stops the script after the
  /// report is shown.
  /// - Parameter confirmed: the caller already asked (prunes ask as the docker CLI does).
  func run<Work: Sendable, Outcome: Sendable>(
    _ targets: [BulkTarget<Work>], into report: Report, confirmed: Bool = false,
    perform: @escaping @Sendable (DockerClient, Work) async -> Outcome,
    record: (inout Report, BulkTarget<Work>, Outcome) -> Void
  ) throws -> Report {
    var report = report
    for t in targets where !session.isConfirmed(t.id) {
      for name in t.names { report.skip(name, "not in the confirmed plan") }
    }
    let targets = targets.filter { session.isConfirmed($0.id) }
    if !confirmed {
      try session.safety.confirm(
        count: targets.reduce(0) { $0 + $1.names.count }, what: what, verb: report.kind.verb,
        plan: targets.flatMap(\.question), io: session.io)
    }
    if report.dryRun {
      session.recordPlanned(targets.map(\.id))
      for t in targets {
        report.planned += t.plan
        if let size = t.size { report.addSummed(size) }
      }
      return report
    }
    let interrupt = session.interruptHandle
    let progress = Progress(self.progress, total: targets.count, session: session)
    let counter = Counter()
    let limit = concurrency
    let results = try session.engine.call(bulk: true) { client in
      await client.forEachConcurrently(targets, limit: limit, shouldContinue: { !interrupt.isPending }) { target in
        defer { progress.update(counter.increment()) }
        return await perform(client, target.work)
      }
    }
    progress.finish()
    var started = Set<String>()
    for (target, outcome) in results {
      started.insert(target.id)
      record(&report, target, outcome)
    }
    for t in targets where !started.contains(t.id) {
      for name in t.names { report.skip(name, "not started: interrupted") }
    }
    return try session.finishBulk(report)
  }

  /// Records the outcome of one engine request for `name`: a missing object is skipped as already gone,
  /// any other failure is a failure. Returns the value on success.
  static func record<T>(_ outcome: Result<T, DockerError>, for name: String, into report: inout Report) -> T? {
    switch outcome {
    case .success(let value): return value
    case .failure(let error) where error.kind == .notFound:
      report.skip(name, "already gone: \(error.message)")
    case .failure(let error):
      report.fail(name, error.description)
    }
    return nil
  }
}

extension Result where Failure == DockerError {
  /// The outcome of `work`, any error as a ``DockerError`` (a non-engine error is a lost connection).
  static func of(_ work: () async throws -> Success) async -> Self {
    do {
      return .success(try await work())
    } catch let e as DockerError {
      return .failure(e)
    } catch {
      return .failure(DockerError(kind: .connectionLost, message: "\(error)"))
    }
  }
}

/// A thread-safe counter for progress from concurrent work.
final class Counter: @unchecked Sendable {
  private var value = 0
  private let lock = NIOLock()

  func increment() -> Int {
    lock.withLock {
      value += 1
      return value
    }
  }
}
