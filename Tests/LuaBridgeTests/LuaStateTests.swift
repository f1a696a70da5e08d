import LuaBridge
import Testing

@Suite struct LuaStateTests {
  @Test func roundTripsScalarsAndBytes() throws {
    let lua = try LuaState()
    let bytes: [UInt8] = [0x61, 0x00, 0x62, 0xFF]
    lua.setGlobal("b", .bytes(bytes))
    let results = try lua.run("return nil, true, 42, 1.5, 'hé', b, #b")
    #expect(results.count == 7)
    guard case .nil = results[0] else { Issue.record("expected nil"); return }
    guard case .boolean(true) = results[1] else { Issue.record("expected true"); return }
    guard case .integer(42) = results[2] else { Issue.record("expected 42"); return }
    guard case .number(1.5) = results[3] else { Issue.record("expected 1.5"); return }
    #expect(results[4].stringValue == "hé")
    guard case .bytes(let back) = results[5] else { Issue.record("expected bytes"); return }
    #expect(back == bytes)
    guard case .integer(4) = results[6] else { Issue.record("embedded zero lost"); return }
  }

  @Test func roundTripsTables() throws {
    let lua = try LuaState()
    lua.setGlobal(
      "t", .table(LuaTable(array: [1, 2, 3], fields: ["name": "x", "nested": .table(LuaTable(fields: ["k": true]))])))
    let results = try lua.run("return #t, t.name, t.nested.k, {10, 20, key = 'v', [3.5] = 'f'}")
    guard case .integer(3) = results[0] else { Issue.record("array length"); return }
    #expect(results[1].stringValue == "x")
    guard case .boolean(true) = results[2] else { Issue.record("nested"); return }
    guard case .table(let t) = results[3] else { Issue.record("table"); return }
    #expect(t.array.count == 2)
    #expect(t["key"]?.stringValue == "v")
    #expect(t.otherPairs.count == 1)
  }

  @Test func callsSwiftFunctionsAndReturnsResults() throws {
    let lua = try LuaState()
    lua.setGlobal(
      "add",
      .function(
        LuaSwiftFunction("add") { call in
          [.integer(try call.integer(1) + call.integer(2)), .string("sum")]
        }))
    let results = try lua.run("local s, w = add(2, 40) return s, w")
    guard case .integer(42) = results[0] else { Issue.record("sum"); return }
    #expect(results[1].stringValue == "sum")
  }

  @Test func swiftErrorIsCaughtByLuaPcall() throws {
    let lua = try LuaState()
    lua.setGlobal("fail", .function(LuaSwiftFunction("fail") { _ in throw LuaRuntimeError("it broke") }))
    lua.setGlobal("need", .function(LuaSwiftFunction("need") { call in [.integer(try call.integer(1))] }))
    let results = try lua.run(
      """
      local ok, err = pcall(function() fail() end)
      local ok2, err2 = pcall(function() need(true) end)
      local ok3, err3 = pcall(need, true)
      return ok, err, ok2, err2, ok3, err3
      """, name: "=t")
    guard case .boolean(false) = results[0] else { Issue.record("pcall should fail"); return }
    #expect(results[1].stringValue == "t:1: it broke")
    guard case .boolean(false) = results[2] else { Issue.record("pcall should fail"); return }
    #expect(results[3].stringValue == "t:2: bad argument #1 to 'need' (number expected, got boolean)")
    // Called straight from pcall (a C function) there is no Lua caller to name, as in lua itself.
    #expect(results[5].stringValue == "bad argument #1 to 'need' (number expected, got boolean)")
  }

  @Test func uncaughtErrorCarriesTraceback() throws {
    let lua = try LuaState()
    do {
      try lua.run("local function f() error('deep') end\nf()", name: "@recipe.lua")
      Issue.record("expected an error")
    } catch let e as LuaError {
      #expect(e.kind == .runtime)
      #expect(e.message.hasPrefix("recipe.lua:1: deep"))
      #expect(e.message.contains("stack traceback:"))
    }
  }

  @Test func errorObjectsPrintThroughTostring() throws {
    let lua = try LuaState()
    do {
      try lua.run("error(setmetatable({}, {__tostring = function() return 'custom failure' end}))")
      Issue.record("expected an error")
    } catch let e as LuaError {
      #expect(e.message == "custom failure")
    }
    do {
      try lua.run("error({})")
      Issue.record("expected an error")
    } catch let e as LuaError {
      #expect(e.message.hasPrefix("(error object is a table value)"))
    }
  }

  @Test func syntaxErrorsAreReportedAsSyntax() throws {
    let lua = try LuaState()
    #expect(throws: LuaError.self) { try lua.run("local = 1", name: "=bad") }
    do { try lua.run("if x then", name: "=bad") } catch let e as LuaError {
      #expect(e.kind == .syntax)
      #expect(e.message.hasSuffix("<eof>"))
    }
  }

  @Test func binaryChunksAreRefused() throws {
    let lua = try LuaState()
    let results = try lua.run("return load(string.dump(function() return 1 end))")
    // The host's own loader refuses binary; `load` from the base library still accepts it unless sandboxed.
    #expect(results.count >= 1)
    let dumped = try lua.run("return string.dump(function() return 1 end)")
    guard case .bytes(let chunk) = dumped[0] else { Issue.record("dump"); return }
    #expect(throws: LuaError.self) { try lua.load(chunk, name: "=binary") }
  }

  @Test func hundredThousandCallsDoNotGrowMemory() throws {
    let lua = try LuaState()
    lua.setGlobal("id", .function(LuaSwiftFunction("id") { call in [call.value(1)] }))
    try lua.run("for i = 1, 1000 do id(i) end")
    lua.collectGarbage()
    let before = lua.memoryInUse
    try lua.run("for i = 1, 100000 do local s = id('x' .. (i % 10)) end")
    lua.collectGarbage()
    let after = lua.memoryInUse
    #expect(after - before < 16 * 1024, "grew from \(before) to \(after) bytes")
  }
}
