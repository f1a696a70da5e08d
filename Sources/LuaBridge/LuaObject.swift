/// A Swift object that Lua holds as a userdata. The userdata retains the
/// object; its `__gc` releases it. Register a ``LuaObjectType`` named
/// ``luaTypeName`` with the state before pushing one.
public protocol LuaObject: AnyObject {
  /// The registry name of the metatable this object's userdata gets.
  static var luaTypeName: String { get }
}
