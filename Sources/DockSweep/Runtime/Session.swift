import DockerEngine
import DockerFormats
import FoundationEssentials
import LuaBridge

/// One Lua state, one engine connection and the options they run under: the embeddable core of
/// docksweep.
///
/// A session is safe to use from any thread or task (unless made with
/// ``SessionOptions/runsOnCallingThread``). Its Lua state lives on a thread the session owns, and the
/// engine work Lua asks for runs on an executor the session owns, so no call waits for a thread of
/// Swift's cooperative pool: many sessions can run at once from async code, even when every pool thread
/// is busy. Calls are served one at a time, in order.
/// ```swift
/// var options = SessionOptions()
/// options.dryRun = true
/// let session = try Session(options: options)
/// try await session.run(ScriptSource(text: "print(docker.images():larger_than '500MB')"))
/// ```
public final class Session: @unchecked Sendable {
  /// The stack of the thread a session starts for Lua, as large as a main thread's usual one: Lua's C calls
  /// and parser recurse on it. A thread that runs a session's Lua itself (``SessionOptions/runsOnCallingThread``)
  /// needs as much.
  public static let luaStackSize = 8 << 20

  /// The options this session was made with.
  public let options: SessionOptions
  /// Where output goes and how questions are asked.
  public let io: SessionIO
  /// The thread that owns ``lua``; everything below touches Lua only on it.
  let luaThread: WorkerThread
  let lua: LuaState
  /// The engine the session was made for.
  let mainEngine: EngineConnection
  /// The engine of the `docker` module whose binding runs now (`docker.engines{...}`), if not the main one.
  private var activeEngine: EngineConnection?
  /// The engine the binding running now works on.
  var engine: EngineConnection { activeEngine ?? mainEngine }
  /// The `docker` modules `docker.engines` made, kept for the session's life.
  var engineModules: [DockerModule] = []
  let safety: SafetyPolicy
  private(set) var dockerModule: DockerModule!
  /// The reports of the run in progress, in the order its operations ended.
  private var runReports: [Report] = []
  /// When the run's time limit passes (`--timeout`), if it has one.
  private var deadline: Date?
  static let timeoutMessage = "timeout: the run took longer than its time limit (--timeout)"
  /// Reports handed to Lua that the script has not shown yet: shown once the chunk (or REPL input) ends.
  private var unshown: [ReportObject] = []
  /// What the dry runs of this session planned to act on (the IDs ``SessionOptions/confirmedTargets`` takes).
  private(set) var plannedTargets: Set<String> = []

  /// The last `docker.df()` the scripts of this session asked for (a fleet run shows them side by side).
  var lastDiskUsage: DiskUsage?

  /// Records targets a dry run planned.
  func recordPlanned<S: Sequence<String>>(_ ids: S) { plannedTargets.formUnion(ids) }

  /// Whether `id` may be acted on: always, unless the session only acts on a confirmed plan.
  func isConfirmed(_ id: String) -> Bool { options.confirmedTargets?.contains(id) ?? true }

  /// Sets up the Lua state: standard libraries, `docker` and `units`, then the sandbox unless trusted.
  /// Does not connect to the engine; the first Docker call does.
  /// - Throws: ``SessionError`` (`.usage`) when Lua cannot start or a protect pattern is invalid.
  public init(options: SessionOptions, io: SessionIO = .standard) throws {
    self.options = options
    self.io = io
    // Lua recursion (C calls, the parser) runs on this stack: as large as a main thread's.
    luaThread =
      options.runsOnCallingThread
      ? WorkerThread(callingThread: ()) : WorkerThread(name: "docksweep lua", stackSize: Self.luaStackSize)
    mainEngine = EngineConnection(options: options)
    // The engine's address is resolved and its version asked for on the engine's thread while Lua starts
    // and sets up; a session that fails to start closes what it opened.
    if options.connectEarly { mainEngine.connectEarly() }
    do {
      lua = try LuaState(memoryLimit: options.memoryLimit)
    } catch {
      mainEngine.close()
      throw SessionError(.usage, "cannot start Lua: \(error)")
    }
    safety = SafetyPolicy(options: options)
    try safety.load()
    try luaThread.perform { try setUp() }
  }

  deinit {
    guard !leavesConnectionsToExit else { return }
    mainEngine.close()
    for module in engineModules { module.connection.close() }
  }

  private var leavesConnectionsToExit = false

  /// For a process that ends with the session: when the session goes, it does not shut its engine
  /// connections down and wait for them (a few hundred microseconds); idle ones close as their client is
  /// released, and a request still running is left for the process's exit to end. Call it once the
  /// session's work is done.
  public func leaveConnectionsToExit() {
    leavesConnectionsToExit = true
  }

  /// Runs `body` with `connection` as the engine bindings and operations work on.
  func using<T>(_ connection: EngineConnection, _ body: () throws -> T) rethrows -> T {
    let saved = activeEngine
    activeEngine = connection === mainEngine ? nil : connection
    defer { activeEngine = saved }
    return try body()
  }

  /// Installs output, modules, the sandbox and the limits. Runs on the Lua thread.
  private func setUp() throws {
    installOutput()
    do {
      try StringPatterns.install(in: lua) { [unowned self] in self.limitReached() }
    } catch {
      throw SessionError(.usage, "cannot set up the string library: \(error)")
    }
    let modules = try installModules()
    if !options.trusted {
      do {
        try Sandbox.install(in: lua, bundled: modules)
      } catch {
        throw SessionError(.usage, "cannot set up the sandbox: \(error)")
      }
    }
    lua.setTimeLimit(options.timeLimit, message: Self.timeoutMessage)
    let interrupt = lua.interruptHandle
    let deadline = options.timeLimit.map { Date().addingTimeInterval($0) }
    self.deadline = deadline
    mainEngine.stopReason = { bulk in
      if let deadline, Date() > deadline { return LuaRuntimeError(Self.timeoutMessage) }
      if !bulk && interrupt.consume() { return LuaRuntimeError("interrupted!") }
      return nil
    }
    safety.limit = { [unowned self] in self.limitReached() }
  }

  /// `print` and `io.write` go through ``io`` so hosts (and the REPL) can capture them.
  private func installOutput() {
    let io = self.io
    let json = options.format == .json
    lua.setGlobal(
      "print",
      .function(
        LuaSwiftFunction("print") { call in
          var parts: [String] = []
          for i in stride(from: Int32(1), through: call.count, by: 1) {
            if json, let document = try Self.jsonDocument(call.value(i)) {
              parts.append(document.text)
            } else {
              parts.append(call.stack.describe(at: i))
            }
          }
          io.write(String(joining: parts, separator: "\t") + "\n")
          return []
        }))
    let write = LuaSwiftFunction("write") { call in
      var text = ""
      for i in stride(from: Int32(1), through: call.count, by: 1) {
        text += try call.string(i)
      }
      io.write(text)
      return []
    }
    _ = try? lua.run(
      "local w = ... io.write = function(...) w(...) return io.stdout end", arguments: [.function(write)])
  }

  /// The JSON form `print` gives `value` under `--format json`: docksweep objects and tables; nil for values
  /// that print as they are (strings, numbers, booleans, nil).
  static func jsonDocument(_ value: LuaValue) throws -> JSONDocument? {
    switch value {
    case .object(let object):
      guard let encodable = object as? any JSONEncodable else { return nil }
      return try encodable.jsonDocument()
    case .table: return try JSONDocument.from(value)
    default: return nil
    }
  }

  /// Registers `docker` and `units`; returns them for `require`.
  private func installModules() throws -> [String: LuaValue] {
    let docker = DockerModule(session: self)
    dockerModule = docker
    let units = Catalog.moduleTable("units", module: nil)
    lua.setGlobal("units", units)
    let json = Catalog.moduleTable("json", module: nil)
    lua.setGlobal("json", json)
    let dockerTable = docker.install(in: lua)
    lua.setGlobal("docker", dockerTable)
    lua.setGlobal("help", .function(Help.function(io: io)))
    lua.setGlobal("usage", .function(usageFunction()))
    // `require "docker"` returns the global module, trusted or not.
    _ = try lua.run("package.loaded.docker = docker package.loaded.units = units package.loaded.json = json")
    return ["docker": dockerTable, "units": units, "json": json]
  }

  /// The `usage(text)` global: a recipe's answer to missing or bad arguments. It ends the run as a usage
  /// error (`docksweep: usage: TEXT`, exit status 2, no traceback) unless the script catches it.
  private func usageFunction() -> LuaSwiftFunction {
    lua.register(UsageRequest.luaType)
    return LuaSwiftFunction("usage") { call in
      throw UsageRequest(text: "usage: " + (try call.string(1)))
    }
  }

  // MARK: Running code

  /// Sets the script arguments: global `arg` (`arg[0]` the script, `arg[1...]` its arguments, `arg[-1]` the program).
  public func setArguments(script: String, arguments: [String], program: String = "docksweep") {
    var t = LuaTable(array: arguments.map { .string($0) })
    t.otherPairs = [(.integer(0), .string(script)), (.integer(-1), .string(program))]
    try? luaThread.perform { lua.setGlobal("arg", .table(t)) }
  }

  /// Compiles and runs `source` with `arguments` passed as `...`, blocking the calling thread until
  /// it ends. From async code, prefer the `async` form, which suspends instead.
  /// - Returns: the ``Report`` of every removal, stop and prune the run made, in order.
  /// - Throws: ``SessionError``: `.load` when it does not compile, `.runtime` when it raises
  ///   or when a removal it made had failures it did not handle, `.usage` after `usage(text)`.
  @discardableResult
  public func run(_ source: ScriptSource, arguments: [String] = []) throws -> [Report] {
    try luaThread.perform { try runHere(source, arguments: arguments) }
  }

  /// Compiles and runs `source` with `arguments` passed as `...`; the calling task is suspended,
  /// never blocked, while it runs.
  /// - Returns: the ``Report`` of every removal, stop and prune the run made, in order.
  /// - Throws: ``SessionError`` as the blocking form does.
  @discardableResult
  public func run(_ source: ScriptSource, arguments: [String] = []) async throws -> [Report] {
    try await luaThread.perform { try self.runHere(source, arguments: arguments) }
  }

  /// Compiles `source` without running it, so that a run of several chunks can refuse a syntax error in any
  /// of them before the first one touches the engine.
  /// - Throws: ``SessionError`` (`.load`) with the message and position.
  public func check(_ source: ScriptSource) throws {
    try luaThread.perform {
      try load(source)
      lua.stack.pop(1)
    }
  }

  /// Runs `body` with the Lua state on the session's Lua thread, for hosts that bind more functions
  /// or read globals. The state must not escape `body`.
  public func withLua<T>(_ body: (LuaState) throws -> T) throws -> T {
    try luaThread.perform { try body(lua) }
  }

  /// The run itself, on the Lua thread.
  private func runHere(_ source: ScriptSource, arguments: [String]) throws -> [Report] {
    try load(source)
    for a in arguments { lua.stack.push(.string(a)) }
    runReports = []
    do {
      let n = try lua.pcall(arguments: Int32(arguments.count))
      lua.stack.pop(n)
      io.write(takeUnshownReports())
    } catch let e as LuaError {
      io.write(takeUnshownReports())
      if case .object(let raised) = e.value, let usage = raised as? UsageRequest {
        throw SessionError(.usage, usage.text)
      }
      throw SessionError(.runtime, e.message)
    }
    // A Ctrl-C the count hook did not get to raise (the code ended first) still stops the run.
    if interruptHandle.consume() { throw SessionError(.runtime, "interrupted!") }
    if let failed = safety.unhandledFailures() {
      throw SessionError(.runtime, failed)
    }
    return runReports
  }

  /// Records `report`, handed to Lua as `object`, as one of the run's results; unless `quiet`, it is shown
  /// when the chunk ends if the script has not shown it itself.
  func record(_ object: ReportObject) {
    runReports.append(object.report)
    if !options.quiet { unshown.append(object) }
  }

  /// The text of the reports the script did not show (print or tostring), each once, in order.
  func takeUnshownReports() -> String {
    var text = ""
    for object in unshown where !object.shown {
      if options.format == .json, let document = try? object.jsonDocument() {
        text += document.text + "\n"
      } else {
        text += object.text + "\n"
      }
    }
    unshown.removeAll()
    return text
  }

  /// Compiles `source` onto the stack.
  private func load(_ source: ScriptSource) throws {
    do {
      try lua.load(source.text, name: source.chunkName)
    } catch let e as LuaError {
      throw SessionError(.load, e.message)
    }
  }

  /// Ends a bulk removal or stop: tracks its failures (unhandled ones fail the run), and when Ctrl-C stopped
  /// it, shows what was done and stops the script as the count hook would.
  func finishBulk(_ report: Report) throws -> Report {
    if interruptHandle.consume() {
      safety.track(ReportObject(report))
      io.writeError(report.text + "\n")
      throw LuaRuntimeError("interrupted!")
    }
    return report
  }

  /// A note about removal failures the REPL input left unhandled ("" when none).
  func takeFailureNotice() -> String {
    guard let message = safety.unhandledFailures() else { return "" }
    return "note: \(message)\n"
  }

  /// Why work in a binding (a long regex match) must stop now: the time limit passed, or Ctrl-C is pending
  /// (left pending, so that the count hook raises it again if a script catches this error).
  func limitReached() -> (any Error)? {
    if let deadline, Date() > deadline {
      // Sticky, as when the count hook finds the deadline passed: a script that catches this error stops at
      // its next instruction.
      lua.expireTimeLimit()
      return LuaRuntimeError(Self.timeoutMessage)
    }
    if interruptHandle.isPending { return LuaRuntimeError("interrupted!") }
    return nil
  }

  /// Interrupts running Lua code (safe from a signal handler through ``interruptHandle``).
  public var interruptHandle: InterruptHandle { lua.interruptHandle }
}

/// Stops running Lua code with `interrupted!`; safe to use from a signal handler.
public typealias InterruptHandle = LuaInterruptHandle

extension SessionOptions {
  /// Parses a size such as `512MB` or `1GiB` (for `--max-memory`).
  public static func parseSize(_ text: String) throws -> Int64 {
    try ByteSize.parse(text)
  }
}
