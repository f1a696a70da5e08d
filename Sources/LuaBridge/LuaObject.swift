/// A Swift object that Lua holds as a userdata. The userdata retains the
/// object; its `__gc` releases it.
public protocol LuaObject: AnyObject {
  /// The registered type whose metatable this object's userdata gets.
  static var luaType: LuaObjectType { get }
}
