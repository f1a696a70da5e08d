import CLua

extension LuaState {
  /// The string keys of the table at a global path (`[]` is the global table, `["docker"]` the docker
  /// module), read raw; for a userdata, its type's methods. Empty when the path does not lead to a table.
  public func fieldNames(ofGlobalPath path: [String]) -> [String] {
    let base = stack.top
    defer { stack.top = base }
    guard pushGlobalPath(path) else { return [] }
    if stack.isTable(at: -1) { return stack.keys(ofTableAt: -1) }
    return methodNames(ofType: stack.typeName(at: -1))
  }

  /// The `__name` of the value at a global path (its registered type for our objects).
  public func typeName(ofGlobalPath path: [String]) -> String? {
    let base = stack.top
    defer { stack.top = base }
    guard pushGlobalPath(path) else { return nil }
    return stack.typeName(at: -1)
  }

  /// The method names of a registered type.
  public func methodNames(ofType name: String) -> [String] {
    registeredType(name)?.methods.keys.sorted() ?? []
  }

  private func pushGlobalPath(_ path: [String]) -> Bool {
    ds_pushglobaltable(L)
    for key in path {
      guard stack.isTable(at: -1) else { return false }
      stack.push(string: key)
      lua_rawget(L, -2)
      lua_rotate(L, -2, 1)
      stack.pop()
    }
    return lua_type(L, -1) != LUA_TNIL
  }
}
