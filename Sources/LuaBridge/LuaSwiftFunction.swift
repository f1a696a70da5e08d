import CLua

/// The body of a Swift function bound into Lua: reads its arguments from
/// `call`, returns its results. Throwing raises a Lua error after the Swift
/// frame has returned (see `ds_trampoline`), never by `longjmp` through Swift.
public typealias LuaFunction = (LuaCall) throws -> [LuaValue]

/// A Swift closure that Lua can hold as a function value.
public final class LuaSwiftFunction {
  /// The name used in argument errors when Lua's debug info has none.
  public let name: String
  let body: LuaFunction

  /// Wraps `body` under `name`.
  public init(_ name: String, _ body: @escaping LuaFunction) {
    self.name = name
    self.body = body
  }
}

/// Runs the Swift function behind `ds_trampoline`. Returns the number of
/// results, or -1 after pushing the error value that C will raise.
let luaBridgeDispatch: ds_dispatch_fn = { L, box in
  guard let L, let box else { return -1 }
  let function = Unmanaged<LuaSwiftFunction>.fromOpaque(box).takeUnretainedValue()
  let call = LuaCall(L, function: function)
  do {
    let results = try function.body(call)
    lua_checkstack(L, Int32(results.count) + 1)
    for value in results { call.stack.push(value) }
    return Int32(results.count)
  } catch {
    call.pushError(error)
    return -1
  }
}

/// Releases a Swift object that a collected userdata retained.
let luaBridgeRelease: ds_release_fn = { box in
  guard let box else { return }
  Unmanaged<AnyObject>.fromOpaque(box).release()
}
