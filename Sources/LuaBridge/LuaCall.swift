import CLua

/// One call of a Swift function from Lua: its arguments, and helpers that
/// check them the way `luaL_check*` would, but by throwing.
///
/// ```swift
/// LuaSwiftFunction("larger_than") { call in
///   let list = try call.object(1, as: ImageList.self)
///   let bytes = try call.integer(2)
///   return [.object(list.filter { $0.size > bytes })]
/// }
/// ```
public struct LuaCall {
  /// The stack of the state (or coroutine) that made the call.
  public let stack: LuaStack
  let function: LuaSwiftFunction?

  init(_ L: OpaquePointer, function: LuaSwiftFunction?) {
    self.stack = LuaStack(L)
    self.function = function
  }

  /// How many arguments were passed.
  public var count: Int32 { lua_gettop(stack.L) }

  /// The argument at `index` copied into Swift (`nil` when absent).
  public func value(_ index: Int32) -> LuaValue { stack.value(at: index) }

  /// True when the argument at `index` is absent or nil.
  public func isNil(_ index: Int32) -> Bool { ds_isnoneornil(stack.L, index) != 0 }

  /// The Lua type name of the argument at `index`, as messages show it (`no value` when absent).
  public func typeName(_ index: Int32) -> String {
    lua_type(stack.L, index) == LUA_TNONE ? "no value" : stack.typeName(at: index)
  }

  /// An argument error for `index`: `expected` then what was passed.
  public func typeError(_ index: Int32, expected: String) -> LuaArgumentError {
    LuaArgumentError(position: index, reason: "\(expected) expected, got \(typeName(index))")
  }

  /// The string argument at `index` (numbers are accepted and converted, as in `luaL_checkstring`).
  public func string(_ index: Int32) throws -> String {
    if let s = stack.string(at: index) { return s }
    if lua_type(stack.L, index) == LUA_TNUMBER { return stack.describe(at: index) }
    throw typeError(index, expected: "string")
  }

  /// The optional string argument at `index`.
  public func optionalString(_ index: Int32) throws -> String? {
    isNil(index) ? nil : try string(index)
  }

  /// The integer argument at `index` (floats with an integral value are accepted).
  public func integer(_ index: Int32) throws -> Int64 {
    var ok: Int32 = 0
    let i = lua_tointegerx(stack.L, index, &ok)
    if ok != 0 && lua_type(stack.L, index) == LUA_TNUMBER { return Int64(i) }
    if lua_type(stack.L, index) == LUA_TNUMBER {
      throw LuaArgumentError(position: index, reason: "number has no integer representation")
    }
    throw typeError(index, expected: "number")
  }

  /// The number argument at `index`.
  public func number(_ index: Int32) throws -> Double {
    guard lua_type(stack.L, index) == LUA_TNUMBER else { throw typeError(index, expected: "number") }
    return lua_tonumberx(stack.L, index, nil)
  }

  /// The boolean argument at `index`; absent or nil is `defaultValue`.
  public func boolean(_ index: Int32, default defaultValue: Bool) throws -> Bool {
    if isNil(index) { return defaultValue }
    guard lua_type(stack.L, index) == LUA_TBOOLEAN else { throw typeError(index, expected: "boolean") }
    return lua_toboolean(stack.L, index) != 0
  }

  /// The table argument at `index`, copied.
  public func table(_ index: Int32) throws -> LuaTable {
    guard lua_type(stack.L, index) == LUA_TTABLE else { throw typeError(index, expected: "table") }
    return stack.table(at: index)
  }

  /// The optional table argument at `index`.
  public func optionalTable(_ index: Int32) throws -> LuaTable? {
    isNil(index) ? nil : try table(index)
  }

  /// The Swift object of type `T` at `index`.
  public func object<T: LuaObject>(_ index: Int32, as type: T.Type) throws -> T {
    if let o = stack.object(at: index, as: T.self) { return o }
    throw typeError(index, expected: T.luaTypeName)
  }

  /// Checks that the argument at `index` is a function (to call with ``callFunction(_:with:)``).
  public func checkFunction(_ index: Int32) throws {
    guard lua_type(stack.L, index) == LUA_TFUNCTION else { throw typeError(index, expected: "function") }
  }

  /// Calls the function argument at `index` with `arguments`; a Lua error is rethrown as ``LuaError``.
  public func callFunction(_ index: Int32, with arguments: [LuaValue]) throws -> [LuaValue] {
    try stack.call(functionAt: index, arguments: arguments)
  }

  /// The name of the Swift function bound at `index`, if it is one.
  public func calledFunctionName(_ index: Int32) -> String? {
    guard lua_type(stack.L, index) == LUA_TFUNCTION, lua_getupvalue(stack.L, index, 1) != nil else { return nil }
    defer { stack.pop() }
    guard let p = ds_toboxed(stack.L, -1, "luabridge.function") else { return nil }
    return Unmanaged<LuaSwiftFunction>.fromOpaque(p).takeUnretainedValue().name
  }

  /// The position of the Lua code that made this call, as `chunk:line: ` (empty when unknown),
  /// the prefix `error` gives its messages; `level` 2 is the code that called that code, and so on.
  public func callerPosition(level: Int32 = 1) -> String {
    luaL_where(stack.L, level)
    defer { stack.pop() }
    return stack.string(at: -1) ?? ""
  }

  /// The name Lua code used for this function, and whether it was called as a method.
  func calledName() -> (name: String, isMethod: Bool) {
    var ar = lua_Debug()
    if lua_getstack(stack.L, 0, &ar) != 0, lua_getinfo(stack.L, "n", &ar) != 0 {
      let isMethod = ar.namewhat.map { String(cString: $0) == "method" } ?? false
      if let n = ar.name { return (String(cString: n), isMethod) }
      return (function?.name ?? "?", isMethod)
    }
    return (function?.name ?? "?", false)
  }

  /// Pushes the Lua value for a thrown Swift error, for the trampoline to raise.
  func pushError(_ error: any Error) {
    let L = stack.L
    switch error {
    case let e as LuaError:
      stack.push(e.value)
    case let e as LuaRaisable:
      stack.push(e.luaErrorValue(self))
    case let e as LuaArgumentError:
      let (name, isMethod) = calledName()
      var position = e.position
      var message: String
      if isMethod {
        position -= 1
        message =
          position == 0
          ? "calling '\(name)' on bad self (\(e.reason))" : "bad argument #\(position) to '\(name)' (\(e.reason))"
      } else {
        message = "bad argument #\(position) to '\(name)' (\(e.reason))"
      }
      luaL_where(L, 1)
      message = (stack.string(at: -1) ?? "") + message
      stack.pop()
      stack.push(string: message)
    default:
      luaL_where(L, 1)
      let prefix = stack.string(at: -1) ?? ""
      stack.pop()
      stack.push(string: prefix + String(describing: error))
    }
  }
}
