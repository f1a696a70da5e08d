import LuaBridge
import Synchronization
import Testing

final class Counter: LuaObject {
  static let deinits = Atomic<Int>(0)
  let value: Int
  init(_ value: Int) { self.value = value }
  deinit { Self.deinits.add(1, ordering: .relaxed) }

  static let luaTypeName = "test.Counter"

  static func luaType() -> LuaObjectType {
    var t = LuaObjectType(
      name: luaTypeName,
      methods: [
        "plus": { call in
          let c = try call.object(1, as: Counter.self)
          return [.object(Counter(c.value + Int(try call.integer(2))))]
        }
      ])
    t.field = { _, obj, key in key == "value" ? .integer(Int64((obj as! Counter).value)) : .nil }
    t.toString = { "Counter(\(($0 as! Counter).value))" }
    t.length = { ($0 as! Counter).value }
    t.equals = { ($0 as! Counter).value == ($1 as! Counter).value }
    return t
  }
}

@Suite(.serialized) struct LuaObjectTests {
  @Test func methodsFieldsAndMetamethods() throws {
    let lua = try LuaState()
    lua.register(Counter.luaType())
    lua.setGlobal("c", .object(Counter(3)))
    let r = try lua.run(
      "local d = c:plus(4) return d.value, tostring(d), #d, d == c:plus(4), d == c, getmetatable(d), d.nothing")
    guard case .integer(7) = r[0] else { Issue.record("value"); return }
    #expect(r[1].stringValue == "Counter(7)")
    guard case .integer(7) = r[2] else { Issue.record("len"); return }
    guard case .boolean(true) = r[3], case .boolean(false) = r[4] else { Issue.record("eq"); return }
    #expect(r[5].stringValue == "locked")
    guard case .nil = r[6] else { Issue.record("missing field"); return }
  }

  @Test func metatableCannotBeReplaced() throws {
    let lua = try LuaState()
    lua.register(Counter.luaType())
    lua.setGlobal("c", .object(Counter(1)))
    #expect(throws: LuaError.self) { try lua.run("setmetatable(c, {})") }
  }

  @Test func badSelfIsReportedForMethods() throws {
    let lua = try LuaState()
    lua.register(Counter.luaType())
    lua.setGlobal("c", .object(Counter(1)))
    do {
      try lua.run("c.plus(5, 1)", name: "=m")
    } catch let e as LuaError {
      #expect(e.message.hasPrefix("m:1: bad argument #1 to 'plus' (test.Counter expected, got number)"))
    }
    do {
      try lua.run("c:plus('x')", name: "=m")
    } catch let e as LuaError {
      #expect(e.message.hasPrefix("m:1: bad argument #1 to 'plus' (number expected, got string)"))
    }
  }

  @Test func swiftObjectIsFreedAfterCollection() throws {
    let lua = try LuaState()
    lua.register(Counter.luaType())
    let before = Counter.deinits.load(ordering: .relaxed)
    lua.setGlobal("c", .object(Counter(10)))
    try lua.run("for i = 1, 100 do local x = c:plus(i) end c = nil")
    lua.collectGarbage()
    lua.collectGarbage()
    #expect(Counter.deinits.load(ordering: .relaxed) - before >= 101)
  }
}
