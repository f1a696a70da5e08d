import CLua

/// Owns one `lua_State` and the host data its allocator and hooks use.
///
/// A `LuaState` must be used from one thread at a time, the one that runs
/// its Lua code; it is closed exactly once, when released.
/// ```swift
/// let lua = try LuaState()
/// lua.setGlobal("greet", .function(LuaSwiftFunction("greet") { call in [.string("hi " + (try call.string(1)))] }))
/// try lua.run("print(greet('you'))", name: "=demo")
/// ```
public final class LuaState {
  let L: OpaquePointer
  let host: UnsafeMutablePointer<ds_host>
  private var registeredTypes: [String: LuaObjectType] = [:]

  /// The registered type named `name`.
  public func registeredType(_ name: String) -> LuaObjectType? { registeredTypes[name] }

  /// A new state with the standard libraries open. `memoryLimit` (bytes) caps what Lua code may allocate.
  public init(memoryLimit: Int? = nil) throws {
    host = UnsafeMutablePointer<ds_host>.allocate(capacity: 1)
    host.initialize(to: ds_host())
    host.pointee.dispatch = luaBridgeDispatch
    host.pointee.release = luaBridgeRelease
    guard let L = ds_newstate(host) else {
      host.deallocate()
      throw LuaError(kind: .memory, message: "cannot create a Lua state: not enough memory")
    }
    self.L = L
    luaL_openlibs(L)
    host.pointee.limit = max(0, memoryLimit ?? 0)
    ds_installhook(L)
  }

  deinit {
    lua_close(L)
    host.deinitialize(count: 1)
    host.deallocate()
  }

  /// The Lua release this bridge was built with, such as `Lua 5.4.4`.
  public static var release: String { String(cString: ds_lua_release()) }

  /// The main stack.
  public var stack: LuaStack { LuaStack(L) }

  // MARK: Limits

  /// Bytes Lua holds now.
  public var memoryInUse: Int { host.pointee.used }
  /// The most bytes Lua has held.
  public var peakMemory: Int { host.pointee.peak }
  /// The memory limit in bytes; 0 means none.
  public var memoryLimit: Int {
    get { host.pointee.limit }
    set { host.pointee.limit = max(0, newValue) }
  }

  /// Makes running code raise a timeout error saying `message` once `seconds` have passed from now
  /// (nil: no deadline). The error is sticky: `pcall` cannot swallow it.
  public func setTimeLimit(_ seconds: Double?, message: String = "timeout: the time limit passed") {
    withUnsafeMutableBytes(of: &host.pointee.timeout_message) { buffer in
      let bytes = Array(message.utf8.prefix(buffer.count - 1))
      buffer.copyBytes(from: bytes)
      buffer[bytes.count] = 0
    }
    host.pointee.timed_out = 0
    host.pointee.deadline = seconds.map { ds_now() + $0 } ?? 0
    ds_installhook(L)
  }

  /// Trips the time limit now, for a host that found it passed inside a long call: Lua code raises the
  /// timeout error from its next instruction on, and `pcall` cannot swallow it.
  public func expireTimeLimit() {
    ds_expire(L)
  }

  /// Whether the time limit has tripped.
  public var timedOut: Bool { host.pointee.timed_out != 0 }

  /// A handle whose ``LuaInterruptHandle/interrupt()`` is safe to call from a signal handler.
  public var interruptHandle: LuaInterruptHandle { LuaInterruptHandle(host: host) }

  // MARK: Globals and types

  /// Sets global `name` (raw, without metamethods).
  public func setGlobal(_ name: String, _ value: LuaValue) {
    ds_pushglobaltable(L)
    stack.push(string: name)
    stack.push(value)
    lua_rawset(L, -3)
    stack.pop()
  }

  /// Reads global `name` (raw).
  public func global(_ name: String) -> LuaValue {
    ds_pushglobaltable(L)
    stack.push(string: name)
    lua_rawget(L, -2)
    defer { stack.pop(2) }
    return stack.value(at: -1)
  }

  /// Registers `type` so objects of it can be pushed. Its metatable is locked
  /// (`__metatable`), so scripts can neither read nor replace it.
  public func register(_ type: LuaObjectType) {
    registeredTypes[type.name] = type
    luaL_newmetatable(L, type.name)
    let set = { (key: String, fn: LuaSwiftFunction) in
      self.stack.push(string: key)
      self.stack.push(function: fn)
      lua_rawset(self.L, -3)
    }
    stack.push(string: "__gc")
    ds_pushgcfunction(L)
    lua_rawset(L, -3)
    stack.push(string: "__luabridge_object")
    lua_pushboolean(L, 1)
    lua_rawset(L, -3)
    stack.push(string: "__metatable")
    stack.push(string: "locked")
    lua_rawset(L, -3)

    // Methods live in a plain table kept as __index's upvalue.
    let methods = LuaTable(fields: type.methods.mapValues { .function(LuaSwiftFunction(type.name, $0)) })
    let field = type.field
    let element = type.element
    let methodNames = type.methods
    if field == nil && element == nil {
      stack.push(string: "__index")
      stack.push(.table(methods))
      lua_rawset(L, -3)
    } else {
      // One Swift closure per key lookup; method values are cached per state in `cache`.
      var cache: [String: LuaSwiftFunction] = [:]
      set(
        "__index",
        LuaSwiftFunction("__index") { call in
          guard let obj = call.stack.anyObject(at: 1) else { return [.nil] }
          if let key = call.stack.string(at: 2) {
            if let body = methodNames[key] {
              let fn = cache[key] ?? LuaSwiftFunction(key, body)
              cache[key] = fn
              return [.function(fn)]
            }
            return [try field?(call, obj, key) ?? .nil]
          }
          if lua_type(call.stack.L, 2) == LUA_TNUMBER, let element {
            return [try element(call, obj, try call.integer(2))]
          }
          return [.nil]
        })
    }
    if let toString = type.toString {
      set("__tostring", LuaSwiftFunction("__tostring") { call in [.string(toString(try Self.self_(call)))] })
    }
    if let length = type.length {
      set("__len", LuaSwiftFunction("__len") { call in [.integer(Int64(length(try Self.self_(call))))] })
    }
    if let equals = type.equals {
      set(
        "__eq",
        LuaSwiftFunction("__eq") { call in
          guard let a = call.stack.anyObject(at: 1), let b = call.stack.anyObject(at: 2) else { return [false] }
          return [.boolean(equals(a, b))]
        })
    }
    stack.pop()
  }

  private static func self_(_ call: LuaCall) throws -> AnyObject {
    guard let o = call.stack.anyObject(at: 1) else { throw call.typeError(1, expected: "object") }
    return o
  }

  // MARK: Running code

  /// Compiles a text chunk and pushes it as a function. `name` is the chunk
  /// name (`=stdin`, `@file.lua`). Binary chunks are refused.
  public func load(_ source: [UInt8], name: String) throws {
    var text = source
    if text.isEmpty { text = [0x20] }  // a buffer needs an address; one space compiles to the same empty chunk
    let status = text.withUnsafeBufferPointer { buf in
      buf.withMemoryRebound(to: CChar.self) { p in
        ds_loadtext(L, p.baseAddress!, p.count, name)
      }
    }
    if status != LUA_OK {
      let error = stack.errorFromTop(status: status)
      stack.pop()
      throw error
    }
  }

  /// Calls the function below `arguments` on the stack with a traceback
  /// message handler; leaves its results (all of them) on the stack.
  /// - Returns: the number of results.
  @discardableResult
  public func pcall(arguments: Int32) throws -> Int32 {
    let base = lua_gettop(L) - arguments - 1
    let status = ds_pcall(L, arguments, LUA_MULTRET, 1)
    if status != LUA_OK {
      let error = stack.errorFromTop(status: status)
      stack.pop()
      throw error
    }
    return lua_gettop(L) - base
  }

  /// Compiles and runs `source`; returns its results.
  @discardableResult
  public func run(_ source: String, name: String = "=(load)", arguments: [LuaValue] = []) throws -> [LuaValue] {
    let base = lua_gettop(L)
    try load(Array(source.utf8), name: name)
    for a in arguments { stack.push(a) }
    let n = try pcall(arguments: Int32(arguments.count))
    var results: [LuaValue] = []
    for i in 0..<n { results.append(stack.value(at: base + 1 + i)) }
    lua_settop(L, base)
    return results
  }

  /// Runs a full garbage collection.
  public func collectGarbage() {
    ds_gccollect(L)
  }

  /// A stack view for code running in a callback-free context (for example building the environment).
  public func withStack<R>(_ body: (LuaStack) throws -> R) rethrows -> R { try body(stack) }
}

/// Sets a state's interrupt flag; the count hook then raises `interrupted!`.
/// Safe from a signal handler: it only stores to a `sig_atomic_t`.
public struct LuaInterruptHandle: @unchecked Sendable {
  let host: UnsafeMutablePointer<ds_host>

  /// Asks running Lua code to stop with the error `interrupted!`.
  public func interrupt() { host.pointee.interrupted = 1 }

  /// Whether an interrupt is pending (not yet raised).
  public var isPending: Bool { host.pointee.interrupted != 0 }

  /// Takes a pending interrupt, for a host that reports it itself (a binding that stopped early, or code that
  /// ended before the count hook saw the flag): true when one was pending; the flag is clear afterwards.
  public func consume() -> Bool {
    guard host.pointee.interrupted != 0 else { return false }
    host.pointee.interrupted = 0
    return true
  }
}
