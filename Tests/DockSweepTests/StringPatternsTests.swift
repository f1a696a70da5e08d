import LuaBridge
import Testing

@testable import DockSweep

/// The stoppable `string.find`, `match`, `gmatch` and `gsub` give what the C library gives: the same
/// results and the same errors on thousands of random patterns and subjects, compared in one Lua state.
@Suite struct StringPatternsTests {
  /// Lua that compares the C library's functions (saved as `c.find`, ...) with the installed ones.
  static let comparison = #"""
    local c, n = c, ...
    math.randomseed(n)
    local atoms = {"a", "b", ".", "%a", "%d", "%s", "[ab]", "[^a]", "[a-c]", "%w", "1", " ", "%(", "%%", "[%d ]"}
    local suffixes = {"", "", "*", "+", "-", "?"}
    local function pattern()
      local parts = {}
      if math.random(4) == 1 then parts[#parts + 1] = "^" end
      local open = 0
      for _ = 1, math.random(0, 5) do
        local r = math.random(12)
        if r == 1 then parts[#parts + 1] = "(" open = open + 1
        elseif r == 2 and open > 0 then parts[#parts + 1] = ")" open = open - 1
        elseif r == 3 then parts[#parts + 1] = "()"
        elseif r == 4 then parts[#parts + 1] = "%b()"
        elseif r == 5 then parts[#parts + 1] = "%f[%w]"
        elseif r == 6 then parts[#parts + 1] = "%1"
        else parts[#parts + 1] = atoms[math.random(#atoms)] .. suffixes[math.random(#suffixes)] end
      end
      if math.random(5) == 1 then parts[#parts + 1] = ")" end
      if math.random(4) == 1 then parts[#parts + 1] = "$" end
      return table.concat(parts)
    end
    local function subject()
      local chars = {"a", "b", "1", " ", "(", ")", "c"}
      local out = {}
      for _ = 1, math.random(0, 12) do out[#out + 1] = chars[math.random(#chars)] end
      return table.concat(out)
    end
    local function outcome(f, ...)
      local r = table.pack(pcall(f, ...))
      if not r[1] then r[2] = tostring(r[2]):gsub("^[^:]*:%d+: ", "") end
      for i = 1, r.n do r[i] = tostring(r[i]) end
      return table.concat(r, "|", 1, r.n)
    end
    local function all(gm, s, p, init)
      local ok, it = pcall(gm, s, p, init)
      if not ok then return "error " .. tostring(it):gsub("^[^:]*:%d+: ", "") end
      local out = {}
      for _ = 1, 50 do
        local r = table.pack(pcall(it))
        if not r[1] then out[#out + 1] = "error " .. tostring(r[2]):gsub("^[^:]*:%d+: ", "") break end
        if r[2] == nil then break end
        for i = 2, r.n do out[#out + 1] = tostring(r[i]) end
        out[#out + 1] = ";"
      end
      return table.concat(out, ",")
    end
    local mismatches, cases = {}, 0
    local function compare(what, a, b)
      cases = cases + 1
      if a ~= b and #mismatches < 10 then mismatches[#mismatches + 1] = what .. ": C " .. a .. " / here " .. b end
    end
    for _ = 1, 1500 do
      local s, p, init = subject(), pattern(), math.random(-4, 6)
      local label = string.format("%q %q %d", s, p, init)
      compare("find " .. label, outcome(c.find, s, p, init), outcome(string.find, s, p, init))
      compare("match " .. label, outcome(c.match, s, p, init), outcome(string.match, s, p, init))
      compare("gmatch " .. label, all(c.gmatch, s, p, init), all(string.gmatch, s, p, init))
      local repl = ({"<%0>", "%1", "x%%", "%2", "%"})[math.random(5)]
      local max = math.random(0, 3) == 0 and 1 or nil
      compare("gsub " .. label .. " " .. repl, outcome(c.gsub, s, p, repl, max), outcome(string.gsub, s, p, repl, max))
      local f = function(x, y) if x == "a" then return nil end return "[" .. tostring(x) .. tostring(y) .. "]" end
      compare("gsub fn " .. label, outcome(c.gsub, s, p, f), outcome(string.gsub, s, p, f))
      compare("gsub table " .. label, outcome(c.gsub, s, p, {a = "A", b = false}), outcome(string.gsub, s, p, {a = "A", b = false}))
    end
    return cases, table.concat(mismatches, "\n")
    """#

  @Test(arguments: 1...6)
  func sameAsTheCLibrary(seed: Int) throws {
    let lua = try LuaState()
    _ = try lua.run(
      "c = {find = string.find, match = string.match, gmatch = string.gmatch, gsub = string.gsub}")
    try StringPatterns.install(in: lua) { nil }
    let results = try lua.run(
      Self.comparison, name: "=comparison", arguments: [.integer(Int64(seed))])
    guard case .integer(let cases)? = results.first else {
      Issue.record("no result: \(results)")
      return
    }
    #expect(cases == 9000, "1,500 subjects and patterns, six comparisons each")
    #expect(results.last?.stringValue == "", "\(results.last?.stringValue ?? "")")
  }

  @Test func aRunawayMatchStopsAtTheLimit() throws {
    let lua = try LuaState()
    let stop = StopAfter(calls: 3)
    try StringPatterns.install(in: lua) { stop.next() }
    let results = try lua.run(
      #"local s = ("a"):rep(30000) return pcall(string.find, s, (".-"):rep(25) .. "b")"#, name: "=runaway")
    #expect(results.first?.isTruthy == false)
    #expect(results.last?.stringValue?.hasSuffix("limit reached") == true, "\(results)")
  }
}

/// A limit that is reached on its `calls`th question.
final class StopAfter: @unchecked Sendable {
  private var left: Int
  init(calls: Int) { left = calls }
  func next() -> (any Error)? {
    left -= 1
    return left <= 0 ? LuaRuntimeError("limit reached") : nil
  }
}
