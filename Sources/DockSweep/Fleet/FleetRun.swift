import Dispatch
import DockerEngine
import DockerFormats
import FoundationEssentials
import NIOConcurrencyHelpers

/// What one engine of a fleet run did.
public struct FleetResult: Sendable {
  /// The engine.
  public var engine: FleetEngine
  /// The reports of its run, in order.
  public var reports: [Report]
  /// Why its run failed (unreachable, a script error), or nil.
  public var error: String?
  /// Wall time of its run, in seconds.
  public var seconds: Double
  /// The sizes of the last `docker.df()` of its run (images, containers, volumes, build cache,
  /// reclaimable), shown in the fleet's disk table.
  var disk: [Int64]? = nil

  /// True when the run ended without error and nothing failed.
  public var ok: Bool { error == nil && reports.allSatisfy(\.ok) }
}

/// One recipe over many engines: the recipe runs once per engine, concurrently (bounded), each in a
/// ``Session`` of its own, so an unmodified single-engine recipe works on a fleet.
///
/// Before anything is removed anywhere, every engine's plan is made (a dry run of the recipe on each);
/// the plans are shown per engine with totals and one `[y/N]` answers for all (`--yes` without a
/// terminal). Then each engine runs for real, and may act only on what its plan listed. Output lines
/// carry the engine's name (`ci-1 | ...`); a summary table ends the run. An engine that cannot be reached
/// or whose run fails is a failed row; the others finish.
public final class FleetRun: @unchecked Sendable {
  /// A script and its arguments.
  public typealias Step = (source: ScriptSource, arguments: [String])

  public let engines: [FleetEngine]
  public let options: SessionOptions
  public let io: SessionIO
  /// Most engines worked on at once.
  public var concurrency = 4
  /// `arg[0]` of the scripts.
  public var scriptName = ""
  private let live = LiveSessions()

  /// Interrupts every engine's run in flight, as Ctrl-C interrupts one: bulk work finishes the requests it
  /// started and is reported; engines not yet started are not started. Safe from any thread.
  public func interrupt() { live.interrupt() }

  /// A fleet run over `engines`, each session made with `options` (its engine set per engine).
  public init(engines: [FleetEngine], options: SessionOptions, io: SessionIO = .standard) {
    self.engines = engines
    self.options = options
    self.io = io
  }

  /// Plans, asks once, acts, and prints the summary. Returns one result per engine, in order.
  /// - Throws: ``SessionError`` when the person says no (or no terminal and no `--yes`): then nothing was
  ///   removed anywhere.
  public func run(_ steps: [Step]) throws -> [FleetResult] {
    var confirmed: [Set<String>?] = Array(repeating: nil, count: engines.count)
    var failedPlans: [Int: FleetResult] = [:]
    if !options.dryRun {
      let plans = each { index, engine in self.plan(engine, steps) }
      if live.interrupted { throw SessionError(.runtime, "interrupted! nothing was removed on any engine") }
      var total = 0
      var text = ""
      for (index, plan) in plans.enumerated() {
        switch plan {
        case .failure(let result):
          failedPlans[index] = result
          text += "\(engines[index].name): cannot plan: \(result.error ?? "")\n"
        case .success(let (lines, ids)):
          confirmed[index] = ids
          total += ids.count
          text += "\(engines[index].name): \(lines.count) to remove\n"
          for line in lines.prefix(50) { text += "  \(line)\n" }
          if lines.count > 50 { text += "  ... and \(lines.count - 50) more\n" }
        }
      }
      if total > 0 && !options.assumeYes {
        let engineCount = confirmed.compactMap { $0 }.filter { !$0.isEmpty }.count
        let what = "\(total) object\(total == 1 ? "" : "s") on \(engineCount) engine\(engineCount == 1 ? "" : "s")"
        guard options.interactive else {
          throw SessionError(
            .runtime,
            "refusing to remove \(what) without confirmation: no terminal to ask; run with --yes to confirm, or --dry-run to see the plans"
          )
        }
        io.writeError("The following will be removed:\n" + text + "In all: \(what).\n")
        let answer = io.ask("Are you sure you want to continue? [y/N] ")
        guard answer?.trimmingWhitespace().lowercased() == "y" else {
          throw SessionError(.runtime, "cancelled: nothing was removed on any engine")
        }
      }
    }
    let failed = failedPlans
    let confirmedTargets = confirmed
    let results = each { index, engine -> FleetResult in
      if let result = failed[index] { return result }
      if self.live.interrupted {
        return FleetResult(engine: engine, reports: [], error: "not started: interrupted", seconds: 0)
      }
      return self.act(engine, steps, confirmed: confirmedTargets[index])
    }
    io.write(Self.summary(results, dryRun: options.dryRun))
    if results.contains(where: { $0.disk != nil }) { io.write("\n" + Self.diskTable(results)) }
    return results
  }

  /// The summary table: one row per engine.
  static func summary(_ results: [FleetResult], dryRun: Bool) -> String {
    var rows: [[String]] = []
    for r in results {
      let acted = r.reports.reduce(0) { $0 + (dryRun ? $1.planned.count : $1.actedOn) }
      let bytes = r.reports.reduce(Int64(0)) { $0 + $1.reclaimed.bytes }
      let failures = r.reports.reduce(0) { $0 + $1.failed.count }
      let firstLine = r.error.map { String($0.prefix { $0 != "\n" }) }
      let status = firstLine.map { "failed: " + $0 } ?? (failures > 0 ? "failures" : dryRun ? "dry run" : "ok")
      rows.append([
        r.engine.name, r.error == nil ? String(acted) : "-", r.error == nil ? ByteSize.df(bytes) : "-",
        r.error == nil ? String(failures) : "-", CFormat.string("%.2fs", r.seconds), status,
      ])
    }
    let header = [
      "ENGINE", dryRun ? "TO REMOVE" : "REMOVED", dryRun ? "SIZE" : "RECLAIMED", "FAILURES", "TIME", "STATUS",
    ]
    return TextTable.render(header: header, rows: rows)
  }

  /// `docker system df` of every engine that asked for it, one row each, and a total.
  static func diskTable(_ results: [FleetResult]) -> String {
    var rows: [[String]] = []
    var totals = [Int64](repeating: 0, count: 5)
    for r in results {
      guard let values = r.disk else { continue }
      for i in values.indices { totals[i] += values[i] }
      rows.append([r.engine.name] + values.map { ByteSize.df($0) })
    }
    rows.append(["TOTAL"] + totals.map { ByteSize.df($0) })
    return TextTable.render(
      header: ["ENGINE", "IMAGES", "CONTAINERS", "LOCAL VOLUMES", "BUILD CACHE", "RECLAIMABLE"], rows: rows)
  }

  // MARK: One engine

  private enum Plan {
    case success(([String], Set<String>))
    case failure(FleetResult)
  }

  private func options(for engine: FleetEngine) -> SessionOptions {
    var o = options
    o.host = engine.host
    o.context = engine.context
    o.engineName = engine.name
    o.interactive = false
    o.showProgress = false
    return o
  }

  /// A dry run of the steps on `engine`, output dropped: the lines of its plans and the IDs they name.
  private func plan(_ engine: FleetEngine, _ steps: [Step]) -> Plan {
    var o = options(for: engine)
    o.dryRun = true
    o.quiet = true
    let started = Date()
    do {
      let session = try Session(options: o, io: .silent)
      live.add(session)
      defer { live.remove(session) }
      var lines: [String] = []
      for step in steps {
        session.setArguments(script: scriptName, arguments: step.arguments)
        for report in try session.run(step.source, arguments: step.arguments) {
          lines += report.planned.map { $0.target + ($0.size.map { "  " + ByteSize.image($0) } ?? "") }
        }
      }
      return .success((lines, session.plannedTargets))
    } catch {
      return .failure(
        FleetResult(engine: engine, reports: [], error: "\(error)", seconds: Date().timeIntervalSince(started)))
    }
  }

  /// The real run on `engine` (a dry run under `--dry-run`), acting only on `confirmed` when given.
  private func act(_ engine: FleetEngine, _ steps: [Step], confirmed: Set<String>?) -> FleetResult {
    var o = options(for: engine)
    if !o.dryRun {
      o.assumeYes = true
      o.confirmedTargets = confirmed ?? []
    }
    let name = engine.name
    let width = engines.map(\.name.count).max() ?? 0
    let prefix = name.padded(to: width) + " | "
    let out = LinePrefixer(prefix: prefix, write: io.write)
    let err = LinePrefixer(prefix: prefix, write: io.writeError)
    let started = Date()
    var reports: [Report] = []
    var failure: String?
    var disk: [Int64]?
    do {
      let session = try Session(
        options: o, io: SessionIO(write: { out.add($0) }, writeError: { err.add($0) }, ask: { _ in nil }))
      live.add(session)
      defer { live.remove(session) }
      for step in steps {
        session.setArguments(script: scriptName, arguments: step.arguments)
        reports += try session.run(step.source, arguments: step.arguments)
      }
      disk = session.lastDiskUsage.map { d in
        [
          d.images.size, d.containers.size, d.volumes.size, d.buildCache.size,
          d.images.reclaimable + d.containers.reclaimable + d.volumes.reclaimable + d.buildCache.reclaimable,
        ]
      }
    } catch {
      failure = "\(error)"
      err.add("\(error)\n")
    }
    out.flush()
    err.flush()
    return FleetResult(
      engine: engine, reports: reports, error: failure, seconds: Date().timeIntervalSince(started), disk: disk)
  }

  /// `work` for every engine, at most ``concurrency`` at once, each on a thread of its own; results in order.
  private func each<T>(_ work: @escaping @Sendable (Int, FleetEngine) -> T) -> [T] {
    let results = ResultSlots<T>(count: engines.count)
    let group = DispatchGroup()
    let slots = DispatchSemaphore(value: max(1, concurrency))
    for (index, engine) in engines.enumerated() {
      slots.wait()
      group.enter()
      DetachedThread.start {
        results.set(index, work(index, engine))
        slots.signal()
        group.leave()
      }
    }
    group.wait()
    return results.values
  }
}

/// The sessions running now, to interrupt them all at once.
private final class LiveSessions: @unchecked Sendable {
  private let lock = NIOLock()
  private var sessions: [ObjectIdentifier: Session] = [:]
  private var stopped = false

  var interrupted: Bool { lock.withLock { stopped } }

  func add(_ session: Session) {
    let late = lock.withLock { () -> Bool in
      sessions[ObjectIdentifier(session)] = session
      return stopped
    }
    if late { session.interruptHandle.interrupt() }
  }

  func remove(_ session: Session) { _ = lock.withLock { sessions.removeValue(forKey: ObjectIdentifier(session)) } }

  func interrupt() {
    let all = lock.withLock { () -> [Session] in
      stopped = true
      return Array(sessions.values)
    }
    for s in all { s.interruptHandle.interrupt() }
  }
}

/// Results written from many threads, read once all are in.
private final class ResultSlots<T>: @unchecked Sendable {
  private var slots: [T?]
  private let lock = NIOLock()

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func set(_ index: Int, _ value: T) { lock.withLock { slots[index] = value } }

  var values: [T] { lock.withLock { slots.map { $0! } } }
}
