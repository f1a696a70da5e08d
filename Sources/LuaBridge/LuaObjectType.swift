/// How a kind of Swift object looks from Lua: its name, methods and
/// metamethods. Register it once per state with ``LuaState/register(_:)``.
///
/// ```swift
/// static let luaType = LuaObjectType(name: "app.Image", methods: ["remove": { call in ... }])
/// ```
public struct LuaObjectType {
  /// The metatable's registry name, also the `__name` Lua shows in messages.
  public let name: String
  /// Functions reached through `__index` (`obj:method(...)`).
  public var methods: [String: LuaFunction]
  /// Fields reached through `__index` when no method has the key: returns nil when there is no such field.
  public var field: ((LuaCall, AnyObject, String) throws -> LuaValue)?
  /// `tostring(obj)`.
  public var toString: ((AnyObject) -> String)?
  /// `#obj`.
  public var length: ((AnyObject) -> Int)?
  /// `obj[i]` for integer keys.
  public var element: ((LuaCall, AnyObject, Int64) throws -> LuaValue)?
  /// `a == b` for two objects of this type.
  public var equals: ((AnyObject, AnyObject) -> Bool)?

  /// A type named `name` with `methods`; set the other members as needed.
  public init(name: String, methods: [String: LuaFunction] = [:]) {
    self.name = name
    self.methods = methods
  }
}
