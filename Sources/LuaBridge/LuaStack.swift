import CLua

/// A non-owning view of one `lua_State`'s stack (the main state or a
/// coroutine's). Every call here uses only API functions that cannot raise
/// errors from a Swift frame: raw table access, pushes (allocation never fails
/// in a Swift frame, see `ds_alloc`), and protected calls.
public struct LuaStack {
  let L: OpaquePointer

  init(_ L: OpaquePointer) { self.L = L }

  /// The index of the top element, which is the number of elements on the stack.
  public var top: Int32 {
    get { lua_gettop(L) }
    nonmutating set { lua_settop(L, newValue) }
  }

  /// Pops `n` elements.
  public func pop(_ n: Int32 = 1) { ds_pop(L, n) }

  // MARK: Pushing

  /// Pushes `value`; tables are copied, objects and functions get fresh userdata.
  public func push(_ value: LuaValue) {
    lua_checkstack(L, 4)
    switch value {
    case .nil: lua_pushnil(L)
    case .boolean(let b): lua_pushboolean(L, b ? 1 : 0)
    case .integer(let i): lua_pushinteger(L, lua_Integer(i))
    case .number(let d): lua_pushnumber(L, d)
    case .bytes(let bytes): push(bytes: bytes)
    case .table(let t): push(table: t)
    case .object(let o): push(object: o, typeName: Swift.type(of: o).luaTypeName)
    case .function(let f): push(function: f)
    case .opaque: lua_pushnil(L)
    }
  }

  /// Pushes a string holding `bytes` exactly.
  public func push(bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { buf in
      buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(buf.count, 1)) { p in
        _ = lua_pushlstring(L, p, buf.count)
      }
    }
  }

  /// Pushes a UTF-8 string.
  public func push(string: String) {
    var s = string
    s.withUTF8 { buf in
      buf.withMemoryRebound(to: CChar.self) { p in _ = lua_pushlstring(L, p.baseAddress, p.count) }
    }
  }

  func push(table: LuaTable) {
    lua_createtable(L, Int32(clamping: table.array.count), Int32(clamping: table.fields.count))
    for (i, v) in table.array.enumerated() {
      push(v)
      lua_rawseti(L, -2, lua_Integer(i + 1))
    }
    for (k, v) in table.fields {
      push(string: k)
      push(v)
      lua_rawset(L, -3)
    }
    for (k, v) in table.otherPairs where !(k.isNil) {
      push(k)
      push(v)
      lua_rawset(L, -3)
    }
  }

  /// Pushes a userdata carrying `object` (retained until collected) with the metatable `typeName`.
  func push(object: any LuaObject, typeName: String) {
    ds_pushbox(L, Unmanaged.passRetained(LuaObjectBox(object)).toOpaque(), typeName)
  }

  /// Pushes a Lua function that runs `function`.
  public func push(function: LuaSwiftFunction) {
    ds_pushswiftfunction(L, Unmanaged.passRetained(function).toOpaque())
  }

  // MARK: Reading

  /// The Lua type of the value at `index` (``LuaType/none`` when absent).
  public func type(at index: Int32) -> LuaType { LuaType(code: lua_type(L, index)) }

  /// The type name Lua would print for the value at `index`, honouring `__name`.
  public func typeName(at index: Int32) -> String {
    if lua_type(L, index) == LUA_TUSERDATA || lua_type(L, index) == LUA_TTABLE {
      if lua_getmetatable(L, index) != 0 {
        push(string: "__name")
        lua_rawget(L, -2)
        defer { pop(2) }
        if lua_type(L, -1) == LUA_TSTRING, let s = ds_tostring(L, -1) { return String(cString: s) }
      }
    }
    return String(cString: lua_typename(L, lua_type(L, index)))
  }

  /// Whether the value at `index` has a metatable.
  public func hasMetatable(at index: Int32) -> Bool {
    guard lua_getmetatable(L, index) != 0 else { return false }
    pop()
    return true
  }

  /// Whether the value at `index` is a string (numbers excluded).
  public func isString(at index: Int32) -> Bool { lua_type(L, index) == LUA_TSTRING }

  /// Whether the value at `index` is a table.
  public func isTable(at index: Int32) -> Bool { lua_type(L, index) == LUA_TTABLE }

  /// The bytes of the string at `index` (numbers are not converted).
  public func bytes(at index: Int32) -> [UInt8]? {
    guard lua_type(L, index) == LUA_TSTRING else { return nil }
    var len = 0
    guard let p = lua_tolstring(L, index, &len) else { return nil }
    return p.withMemoryRebound(to: UInt8.self, capacity: len) { Array(UnsafeBufferPointer(start: $0, count: len)) }
  }

  /// The string at `index` decoded as UTF-8.
  public func string(at index: Int32) -> String? {
    guard lua_type(L, index) == LUA_TSTRING else { return nil }
    var len = 0
    guard let p = lua_tolstring(L, index, &len) else { return nil }
    return p.withMemoryRebound(to: UInt8.self, capacity: len) {
      String(decoding: UnsafeBufferPointer(start: $0, count: len), as: UTF8.self)
    }
  }

  /// The Swift object carried by the userdata at `index` when it is of type `T`.
  public func object<T: LuaObject>(at index: Int32, as: T.Type) -> T? {
    guard let p = ds_toboxed(L, index, T.luaTypeName) else { return nil }
    return Unmanaged<LuaObjectBox>.fromOpaque(p).takeUnretainedValue().object as? T
  }

  /// Copies the value at `index`; tables deeply up to `depth` levels (deeper ones read as opaque).
  public func value(at index: Int32, depth: Int = 16) -> LuaValue {
    switch lua_type(L, index) {
    case LUA_TNIL, LUA_TNONE: return .nil
    case LUA_TBOOLEAN: return .boolean(lua_toboolean(L, index) != 0)
    case LUA_TNUMBER:
      if lua_isinteger(L, index) != 0 { return .integer(Int64(lua_tointegerx(L, index, nil))) }
      return .number(lua_tonumberx(L, index, nil))
    case LUA_TSTRING: return .bytes(bytes(at: index) ?? [])
    case LUA_TTABLE: return depth > 0 ? .table(table(at: index, depth: depth - 1)) : .opaque("table")
    case LUA_TUSERDATA:
      if let obj = anyObject(at: index) { return .object(obj) }
      return .opaque(typeName(at: index))
    default: return .opaque(typeName(at: index))
    }
  }

  /// The Swift object behind a userdata of any registered type.
  public func anyObject(at index: Int32) -> (any LuaObject)? {
    guard lua_type(L, index) == LUA_TUSERDATA, lua_getmetatable(L, index) != 0 else { return nil }
    push(string: "__luabridge_object")
    lua_rawget(L, -2)
    let isOurs = lua_toboolean(L, -1) != 0
    pop(2)
    guard isOurs, let raw = lua_touserdata(L, index) else { return nil }
    guard let p = raw.assumingMemoryBound(to: UnsafeMutableRawPointer?.self).pointee else { return nil }
    return Unmanaged<LuaObjectBox>.fromOpaque(p).takeUnretainedValue().object
  }

  /// Copies the table at `index` with raw access (no metamethods run).
  public func table(at index: Int32, depth: Int = 16) -> LuaTable {
    let t = lua_absindex(L, index)
    var result = LuaTable()
    let n = lua_rawlen(L, t)
    if n > 0 {
      result.array.reserveCapacity(Int(n))
      for i in 1...n {
        lua_rawgeti(L, t, lua_Integer(i))
        let v = value(at: -1, depth: depth)
        pop()
        if case .nil = v { break }
        result.array.append(v)
      }
    }
    let arrayCount = Int64(result.array.count)
    lua_pushnil(L)
    while lua_next(L, t) != 0 {
      // Key at -2, value at -1. Never convert the key in place: lua_next needs it unchanged.
      if lua_type(L, -2) == LUA_TSTRING, let key = string(at: -2) {
        result.fields[key] = value(at: -1, depth: depth)
      } else if lua_type(L, -2) == LUA_TNUMBER, lua_isinteger(L, -2) != 0,
        case let k = Int64(lua_tointegerx(L, -2, nil)), k >= 1, k <= arrayCount
      {
        // already in the array part
      } else {
        result.otherPairs.append((value(at: -2, depth: 0), value(at: -1, depth: depth)))
      }
      pop()
    }
    return result
  }

  /// The string keys of the table at `index`, each with its value's type (raw access).
  public func keys(ofTableAt index: Int32) -> [String] {
    let t = lua_absindex(L, index)
    var keys: [String] = []
    lua_pushnil(L)
    while lua_next(L, t) != 0 {
      if lua_type(L, -2) == LUA_TSTRING, let key = string(at: -2) { keys.append(key) }
      pop()
    }
    return keys
  }

  /// Pushes `t[key]` of the table at `index` (raw access: no metamethods run) and returns its absolute
  /// position; the caller pops it.
  public func pushField(_ key: String, ofTableAt index: Int32) -> Int32 {
    let t = lua_absindex(L, index)
    push(string: key)
    lua_rawget(L, t)
    return lua_gettop(L)
  }

  /// Calls the function at `index` with `arguments`, protected; returns its results.
  /// A Lua error comes back as a thrown ``LuaError`` carrying the raised value.
  public func call(functionAt index: Int32, arguments: [LuaValue], traceback: Bool = false) throws -> [LuaValue] {
    let base = lua_gettop(L)
    lua_checkstack(L, Int32(arguments.count) + 4)
    lua_pushvalue(L, index)
    for a in arguments { push(a) }
    let status = ds_pcall(L, Int32(arguments.count), LUA_MULTRET, traceback ? 1 : 0)
    if status != LUA_OK {
      let error = errorFromTop(status: status)
      lua_settop(L, base)
      throw error
    }
    var results: [LuaValue] = []
    if lua_gettop(L) > base {
      for i in (base + 1)...lua_gettop(L) { results.append(value(at: i)) }
    }
    lua_settop(L, base)
    return results
  }

  /// Turns the error value on top into a ``LuaError`` (leaves the stack unchanged).
  func errorFromTop(status: Int32) -> LuaError {
    let kind: LuaError.Kind
    switch status {
    case LUA_ERRSYNTAX: kind = .syntax
    case LUA_ERRMEM: kind = .memory
    case LUA_ERRERR: kind = .handler
    default: kind = .runtime
    }
    let value = value(at: -1)
    let message: String
    if let s = string(at: -1) {
      message = s
    } else if lua_type(L, -1) == LUA_TNUMBER {
      message = String(describing: value.doubleValue ?? 0)
    } else {
      message = describe(at: -1)
    }
    return LuaError(kind: kind, message: message, value: value)
  }

  /// `tostring` of the value at `index`, run protected (it may call `__tostring`).
  public func describe(at index: Int32) -> String {
    let i = lua_absindex(L, index)
    lua_checkstack(L, 3)
    ds_pushtostringfunction(L)
    lua_pushvalue(L, i)
    let status = ds_pcall(L, 1, 1, 0)
    defer { pop() }
    if status == LUA_OK, let s = string(at: -1) { return s }
    return "(error object is a \(typeName(at: i)) value)"
  }
}

extension LuaValue {
  /// True for `nil`.
  public var isNil: Bool {
    if case .nil = self { return true }
    return false
  }
}
