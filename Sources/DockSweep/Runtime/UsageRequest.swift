import LuaBridge

/// What `usage(text)` raises: a recipe's answer to missing or bad arguments. When it ends the run,
/// the run is a usage error (`docksweep: usage: TEXT`, exit status 2, no traceback); a script that
/// catches it with `pcall` gets this object, which prints as its text.
final class UsageRequest: LuaObject, LuaRaisable, @unchecked Sendable {
  static let luaTypeName = "docksweep.Usage"
  static var luaType: LuaObjectType {
    var t = LuaObjectType(name: luaTypeName)
    t.toString = { ($0 as! UsageRequest).text }
    return t
  }

  /// `usage: TEXT`.
  let text: String

  init(text: String) {
    self.text = text
  }

  func luaErrorValue(_ call: LuaCall) -> LuaValue { .object(self) }
}
