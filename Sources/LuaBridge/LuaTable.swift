/// A Lua table copied into Swift, or built in Swift to push: an array part
/// (`t[1..n]`) and a map of string keys. Other keys are kept in `otherPairs`.
public struct LuaTable {
  /// Values at keys 1...n, without holes.
  public var array: [LuaValue]
  /// Values at string keys.
  public var fields: [String: LuaValue]
  /// Pairs whose key is neither a string nor part of the array.
  public var otherPairs: [(key: LuaValue, value: LuaValue)]

  /// A table with the given parts.
  public init(
    array: [LuaValue] = [], fields: [String: LuaValue] = [:], otherPairs: [(key: LuaValue, value: LuaValue)] = []
  ) {
    self.array = array
    self.fields = fields
    self.otherPairs = otherPairs
  }

  /// The value at string key `key`.
  public subscript(key: String) -> LuaValue? {
    get { fields[key] }
    set { fields[key] = newValue }
  }
}
