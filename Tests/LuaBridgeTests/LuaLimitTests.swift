import LuaBridge
import Testing

@Suite struct LuaLimitTests {
  @Test func memoryLimitStopsAHogWithAClearError() throws {
    let lua = try LuaState(memoryLimit: 8 * 1024 * 1024)
    do {
      try lua.run("local t = {} for i = 1, 1e9 do t[i] = ('x'):rep(100) .. i end")
      Issue.record("expected not enough memory")
    } catch let e as LuaError {
      #expect(e.kind == .memory)
      #expect(e.message.contains("not enough memory"))
    }
    // The state survives and still works.
    lua.collectGarbage()
    let r = try lua.run("return 1 + 1")
    guard case .integer(2) = r[0] else { Issue.record("state unusable"); return }
  }

  @Test func memoryPassedInsideSwiftIsRaisedAfterwards() throws {
    let lua = try LuaState(memoryLimit: 4 * 1024 * 1024)
    lua.setGlobal(
      "big", .function(LuaSwiftFunction("big") { _ in [.bytes([UInt8](repeating: 65, count: 8 * 1024 * 1024))] }))
    do {
      try lua.run("local s = big()")
      Issue.record("expected not enough memory")
    } catch let e as LuaError {
      #expect(e.message.contains("not enough memory"))
    }
  }

  @Test func timeLimitStopsBusyLoopsEvenUnderPcall() throws {
    let lua = try LuaState()
    lua.setTimeLimit(0.2)
    do {
      try lua.run("while true do pcall(function() while true do end end) end")
      Issue.record("expected a timeout")
    } catch let e as LuaError {
      #expect(e.message.contains("timeout"))
    }
    #expect(lua.timedOut)
  }

  @Test func interruptRaisesInterrupted() throws {
    let lua = try LuaState()
    let handle = lua.interruptHandle
    lua.setGlobal(
      "poke",
      .function(
        LuaSwiftFunction("poke") { _ in
          handle.interrupt(); return []
        }))
    do {
      try lua.run("poke() while true do end")
      Issue.record("expected interrupted")
    } catch let e as LuaError {
      #expect(e.message.contains("interrupted!"))
    }
  }
}
