import DockerEngine
import DockerFormats
import FoundationEssentials
import NIOConcurrencyHelpers

/// `docksweep watch`: runs a recipe unattended, at start, whenever a new image appears on the engine
/// (pull, load, import, tag: what builds and pulls do) and at each interval.
///
/// - Never two runs at once: triggers during a run coalesce into one more run.
/// - Follows the engine's events, recording every image use in the last-use state as it happens, and
///   keeps following across engine restarts and dropped streams: it reconnects with backoff, then replays
///   the events the engine still holds and re-scans, and says so in the log.
/// - ``stop()`` lets the run in flight finish the requests it started (as an interrupt does), then
///   ``run()`` returns.
///
/// ```swift
/// let watcher = Watcher(configuration, log: WatchLog(format: .text, write: { FileHandle.standardError.write(Data($0.utf8)) }))
/// await watcher.run()
/// ```
public final class Watcher: @unchecked Sendable {
  /// What to run and how often.
  public struct Configuration: Sendable {
    /// The recipe.
    public var source: ScriptSource
    /// The recipe's name for `arg[0]` and the log.
    public var scriptName: String
    /// The recipe's arguments.
    public var arguments: [String]
    /// Seconds between runs when nothing happens.
    public var interval: TimeInterval
    /// The options every run's session gets.
    public var options: SessionOptions
    /// Where to write Prometheus metrics after each run, if anywhere.
    public var metricsFile: String?
    /// Waits between attempts to reach the engine again; the last one repeats.
    public var reconnectDelays: [TimeInterval] = [1, 2, 4, 8, 15, 30]

    /// A configuration for `source`, run every `interval` seconds with `options`.
    public init(
      source: ScriptSource, scriptName: String, arguments: [String] = [], interval: TimeInterval,
      options: SessionOptions
    ) {
      self.source = source
      self.scriptName = scriptName
      self.arguments = arguments
      self.interval = interval
      self.options = options
    }
  }

  /// Why a run starts.
  enum Trigger: Sendable {
    case start
    case interval
    case image(action: String, name: String)
    case reconnected
  }

  let configuration: Configuration
  let log: WatchLog
  private let lock = NIOLock()
  private var stopping = false
  private var current: Session?
  private var triggers: AsyncStream<Trigger>.Continuation?
  private var metrics = WatchMetrics()

  /// A watcher that logs to `log`.
  public init(_ configuration: Configuration, log: WatchLog) {
    self.configuration = configuration
    self.log = log
  }

  /// Runs until ``stop()``. Returns after the run in flight (if any) has ended.
  /// - Throws: when the engine cannot be found (a bad `-H`, an unknown context).
  public func run() async throws {
    let endpoint = try EngineEndpoint.resolve(
      host: configuration.options.host, context: configuration.options.context,
      environment: configuration.options.environment)
    let client = try DockerClient(endpoint: endpoint, idleTimeout: nil)
    let (stream, continuation) = AsyncStream.makeStream(of: Trigger.self, bufferingPolicy: .bufferingNewest(1))
    let alreadyStopped = lock.withLock {
      triggers = continuation
      return stopping
    }
    if alreadyStopped { continuation.finish() }
    log.log(
      "watch", "watching \(endpoint) with \(configuration.scriptName), every \(Self.describe(configuration.interval))",
      ["engine": .text(endpoint.description), "recipe": .text(configuration.scriptName)])
    continuation.yield(.start)
    let follower = Task { await follow(client) }
    let timer = Task { [interval = configuration.interval] in
      while !Task.isCancelled {
        try? await Task.sleep(for: .milliseconds(Int64(interval * 1000)))
        if Task.isCancelled { break }
        continuation.yield(.interval)
      }
    }
    for await trigger in stream {
      if isStopping { break }
      await runOnce(trigger, client: client)
    }
    follower.cancel()
    timer.cancel()
    _ = await follower.result
    try? await client.shutdown()
    log.log("stopped", "stopped")
  }

  /// Asks the watcher to end: the run in flight finishes the requests it started, no new run starts.
  public func stop() {
    let (session, triggers) = lock.withLock { () -> (Session?, AsyncStream<Trigger>.Continuation?) in
      stopping = true
      return (current, self.triggers)
    }
    session?.interruptHandle.interrupt()
    triggers?.finish()
  }

  private var isStopping: Bool { lock.withLock { stopping } }

  // MARK: Runs

  private func runOnce(_ trigger: Trigger, client: DockerClient) async {
    let started = Date()
    if case .interval = trigger {
      // The periodic re-scan: uses the events missed (a dropped listener) count before the run.
      _ = try? await LastUseSync(directory: configuration.options.stateDirectory).sync(client: client)
    }
    log.log("run", "run started (\(Self.describe(trigger)))", ["trigger": .text(Self.describe(trigger))])
    var options = configuration.options
    options.quiet = true
    options.interactive = false
    options.showProgress = false
    let log = self.log
    let io = SessionIO(
      write: { text in
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
          log.log("output", String(line), ["text": .text(String(line))])
        }
      },
      writeError: { text in
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
          log.log("message", String(line), ["text": .text(String(line))])
        }
      }, ask: { _ in nil })
    var reports: [Report]?
    do {
      let session = try Session(options: options, io: io)
      let proceed = lock.withLock {
        current = session
        return !stopping
      }
      defer { lock.withLock { current = nil } }
      if proceed {
        session.setArguments(script: configuration.scriptName, arguments: configuration.arguments)
        reports = try await session.run(configuration.source, arguments: configuration.arguments)
      } else {
        reports = []
      }
    } catch {
      log.log("failed", "run failed: \(error)", ["error": .text("\(error)")])
    }
    for report in reports ?? [] { logActions(report) }
    let seconds = Date().timeIntervalSince(started)
    if let reports {
      let reclaimed = reports.reduce(0) { $0 + ($1.dryRun ? 0 : $1.reclaimed.bytes) }
      let acted = reports.reduce(0) { $0 + ($1.dryRun ? 0 : $1.actedOn) }
      log.log(
        "done",
        "run finished in \(CFormat.string("%.2f", seconds))s: \(acted) removed or untagged, "
          + "\(ByteSize.df(reclaimed)) reclaimed",
        [
          "seconds": .text(CFormat.string("%.3f", seconds)), "acted": .integer(Int64(acted)),
          "reclaimed": .integer(reclaimed),
        ])
    }
    await writeMetrics(reports: reports, client: client)
  }

  /// One log line per object a report acted on (or plans to, in a dry run), and the budget's outcome.
  private func logActions(_ report: Report) {
    for p in report.planned {
      log.log("planned", "would remove \(p.target)", ["target": .text(p.target), "size": .integer(p.size ?? 0)])
    }
    for ref in report.untagged { log.log("untagged", "untagged \(ref)", ["image": .text(ref)]) }
    for id in report.deleted { log.log("deleted", "deleted image \(id)", ["image": .text(id)]) }
    let containers = report.kind.object == .volume ? [] : report.removed
    let volumes = report.kind.object == .volume ? report.removed : report.removedVolumes
    for id in containers { log.log("removed", "removed container \(id)", ["container": .text(id)]) }
    for name in volumes { log.log("removed", "removed volume \(name)", ["volume": .text(name)]) }
    for id in report.deletedBuildCache { log.log("deleted", "deleted build cache \(id)", ["build_cache": .text(id)]) }
    for s in report.skipped { log.log("skipped", "skipped \(s.target): \(s.reason)", ["target": .text(s.target)]) }
    for f in report.failed { log.log("error", "could not remove \(f.target): \(f.error)", ["target": .text(f.target)]) }
    if let b = report.budget {
      for line in b.lines(dryRun: report.dryRun) {
        log.log(
          "budget", line,
          [
            "measure": .text(b.measure.rawValue), "before": .integer(b.before), "after": .integer(b.after),
            "high": .integer(b.high), "low": .integer(b.low), "met": .boolean(b.met),
          ])
      }
    }
  }

  private func writeMetrics(reports: [Report]?, client: DockerClient) async {
    guard let path = configuration.metricsFile else { return }
    let snapshot = lock.withLock { () -> WatchMetrics in
      metrics.record(reports: reports, at: Date())
      return metrics
    }
    var current = snapshot
    current.disk = try? await client.diskUsage()
    do {
      try current.write(to: path)
    } catch {
      log.log("error", "cannot write the metrics: \(error)", ["error": .text("\(error)")])
    }
  }

  // MARK: Events

  /// Follows the engine's events until cancelled, reconnecting with backoff.
  private func follow(_ client: DockerClient) async {
    let sync = LastUseSync(directory: configuration.options.stateDirectory)
    var attempt = 0
    var connectedBefore = false
    while !Task.isCancelled {
      do {
        _ = try await client.version()
        if connectedBefore {
          log.log("reconnected", "reconnected to the engine; re-scanning")
          let result = try await sync.sync(client: client)
          for warning in result.warnings { log.log("warning", "warning: \(warning)") }
          triggers?.yield(.reconnected)
        } else {
          _ = try? await sync.sync(client: client)
        }
        connectedBefore = true
        attempt = 0
        try await readEvents(client, sync: sync)
        if Task.isCancelled { return }
        log.log("disconnected", "the engine's event stream ended; reconnecting")
      } catch {
        if Task.isCancelled { return }
        let delay = configuration.reconnectDelays[min(attempt, configuration.reconnectDelays.count - 1)]
        attempt += 1
        log.log(
          "disconnected", "cannot follow the engine: \(error); retrying in \(Self.describe(delay))",
          ["error": .text("\(error)"), "retry_seconds": .integer(Int64(delay))])
        try? await Task.sleep(for: .milliseconds(Int64(delay * 1000)))
      }
    }
  }

  /// Reads events as fast as they come (the engine drops slow listeners) and records them in batches.
  private func readEvents(_ client: DockerClient, sync: LastUseSync) async throws {
    var filters = Filters()
    filters.add("type", "container")
    filters.add("type", "image")
    let buffer = EventBuffer()
    let (wakes, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    let recorder = Task {
      for await _ in wakes {
        let events = buffer.take()
        guard !events.isEmpty else { continue }
        for event in events where EngineEventTrigger.starts(event) {
          triggers?.yield(.image(action: event.action, name: event.actorID))
        }
        // What arrived meanwhile is recorded together, in one update of the state file.
        _ = try? await sync.sync(client: client, events: events)
      }
    }
    defer {
      wake.finish()
      recorder.cancel()
    }
    for try await event in client.events(filters: filters) {
      buffer.append(event)
      wake.yield()
    }
  }

  // MARK: Wording

  static func describe(_ trigger: Trigger) -> String {
    switch trigger {
    case .start: return "start"
    case .interval: return "interval"
    case .image(let action, let name): return "image \(action) \(name)"
    case .reconnected: return "reconnected"
    }
  }

  static func describe(_ seconds: TimeInterval) -> String {
    if seconds >= 3600, seconds.truncatingRemainder(dividingBy: 3600) == 0 { return "\(Int(seconds / 3600))h" }
    if seconds >= 60, seconds.truncatingRemainder(dividingBy: 60) == 0 { return "\(Int(seconds / 60))m" }
    return seconds == seconds.rounded() ? "\(Int(seconds))s" : CFormat.string("%.1fs", seconds)
  }
}

/// Events read but not yet recorded.
private final class EventBuffer: @unchecked Sendable {
  private let lock = NIOLock()
  private var events: [EngineEvent] = []

  func append(_ event: EngineEvent) { lock.withLock { events.append(event) } }

  func take() -> [EngineEvent] {
    lock.withLock {
      defer { events.removeAll() }
      return events
    }
  }
}

/// Which events start a run: a new image on the engine.
enum EngineEventTrigger {
  static func starts(_ event: EngineEvent) -> Bool {
    event.type == "image" && ["pull", "load", "import", "tag"].contains(event.action)
  }
}
