import LuaBridge

/// `string.find`, `match`, `gmatch` and `gsub` over ``LuaPatternMatcher``, so that the time limit and
/// Ctrl-C stop a runaway pattern match as they stop a busy loop. The functions keep the standard
/// library's behaviour and messages; a plain `find` (or a pattern without special characters) still
/// goes to the C library, which searches in linear time.
enum StringPatterns {
  /// Replaces the four functions in `lua`'s `string` table. `limit` says why a match must stop.
  static func install(in lua: LuaState, limit: @escaping () -> (any Error)?) throws {
    try lua.run(prelude, name: "=string", arguments: [.function(primitive(limit: limit))])
  }

  /// `search(s, p, from, notEndingAt, anchored)`: the first match from byte `from` (1-based) on, whose end
  /// is not `notEndingAt` (1-based, exclusive; 0 for none); returns its start and end (1-based, inclusive)
  /// and its captures, or nothing.
  static func primitive(limit: @escaping () -> (any Error)?) -> LuaSwiftFunction {
    LuaSwiftFunction("search") { call in
      guard case .bytes(let subject) = call.value(1), case .bytes(let pattern) = call.value(2) else {
        throw LuaRuntimeError("search: strings expected")
      }
      let from = Int(try call.integer(3)) - 1
      let notEndingAt = Int(try call.integer(4)) - 1
      let anchored = try call.boolean(5, default: false)
      var matcher = LuaPatternMatcher(subject: subject, pattern: pattern, limit: limit)
      do {
        guard
          let (start, end) = try matcher.search(
            from: from, anchored: anchored, notEndingAt: notEndingAt >= 0 ? notEndingAt : nil)
        else { return [] }
        var results: [LuaValue] = [.integer(Int64(start + 1)), .integer(Int64(end))]
        for i in 0..<matcher.captures.count { results.append(try matcher.capture(i, start: start, end: end)) }
        return results
      } catch let e as LuaRuntimeError {
        // Raised where the script called find, match, gmatch or gsub, as the C library raises.
        throw PlacedError(message: call.callerPosition(level: 2) + e.message)
      }
    }
  }

  /// An error message already carrying its position.
  struct PlacedError: LuaRaisable {
    let message: String
    func luaErrorValue(_ call: LuaCall) -> LuaValue { .string(message) }
  }

  /// The Lua side: argument checks and the loops of find, match, gmatch and gsub, as `lstrlib.c` has them.
  static let prelude = #"""
    local search = ...
    local cfind = string.find
    local getinfo = debug and debug.getinfo
    local type, select, tostring, error, tointeger, tonumber, mtype = type, select, tostring, error, math.tointeger, tonumber, math.type
    local concat, pack, unpack = table.concat, table.pack, table.unpack

    local function argerror(n, fname, msg)
      local info = getinfo and getinfo(3, "n")
      if info and info.namewhat == "method" then
        n = n - 1
        if n == 0 then error(("calling '%s' on bad self (%s)"):format(fname, msg), 4) end
      end
      error(("bad argument #%d to '%s' (%s)"):format(n, fname, msg), 4)
    end

    local function typename(n, count, v)
      if n > count then return "no value" end
      return type(v)
    end

    local function str(n, fname, count, v)
      local t = type(v)
      if t == "string" then return v end
      if t == "number" then return tostring(v) end
      argerror(n, fname, "string expected, got " .. typename(n, count, v))
    end

    local function optint(n, fname, count, v, default)
      if v == nil then return default end
      local t = type(v)
      if t == "number" or (t == "string" and tonumber(v)) then
        local i = tointeger(tonumber(v))
        if i then return i end
        argerror(n, fname, "number has no integer representation")
      end
      argerror(n, fname, "number expected, got " .. typename(n, count, v))
    end

    local function posrelat(pos, len)
      if pos > 0 then return pos
      elseif pos == 0 then return 1
      elseif pos < -len then return 1
      else return len + pos + 1 end
    end

    -- The captures for the script (the whole match when there are none); an unfinished capture (false) is
    -- an error where the captures are used, at the position of the script's call.
    local function captures(start, stop, s, ...)
      local n = select("#", ...)
      if n == 0 then return s:sub(start, stop) end
      for i = 1, n do
        if select(i, ...) == false then error("unfinished capture", 3) end
      end
      return ...
    end

    -- The characters that make a pattern more than plain text, as lstrlib's SPECIALS.
    local function nospecials(p)
      return not cfind(p, "[%^%$%*%+%?%.%(%[%%%-]")
    end

    -- find and match: each its own function (not a tail call), so that argument errors can tell a method call.
    local function find_aux(isfind, fname)
      return function(...)
        local count = select("#", ...)
        local s, p, init, plain = ...
        s = str(1, fname, count, s)
        p = str(2, fname, count, p)
        init = posrelat(optint(3, fname, count, init, 1), #s)
        if init > #s + 1 then return nil end
        if isfind and (plain or nospecials(p)) then return cfind(s, p, init, true) end
        local anchored = p:byte(1) == 94
        if anchored then p = p:sub(2) end
        local found = pack(search(s, p, init, 0, anchored))
        if found.n == 0 then return nil end
        if isfind then
          if found.n == 2 then return found[1], found[2] end
          return found[1], found[2], captures(1, 0, s, unpack(found, 3, found.n))
        end
        return captures(found[1], found[2], s, unpack(found, 3, found.n))
      end
    end

    string.find = find_aux(true, "find")
    string.match = find_aux(false, "match")

    function string.gmatch(...)
      local count = select("#", ...)
      local s, p, init = ...
      s = str(1, "gmatch", count, s)
      p = str(2, "gmatch", count, p)
      local from = posrelat(optint(3, "gmatch", count, init, 1), #s)
      if from > #s + 1 then from = #s + 2 end
      local last = 0
      return function()
        if from > #s + 1 then return nil end
        local found = pack(search(s, p, from, last, false))
        if found.n == 0 then
          from = #s + 2
          return nil
        end
        from, last = found[2] + 1, found[2] + 1
        return captures(found[1], found[2], s, unpack(found, 3, found.n))
      end
    end

    local function add_s(out, repl, s, start, stop, found)
      local i = 1
      while true do
        local pct = cfind(repl, "%", i, true)
        if not pct then
          out[#out + 1] = repl:sub(i)
          return
        end
        out[#out + 1] = repl:sub(i, pct - 1)
        local c = repl:sub(pct + 1, pct + 1)
        if c == "%" then
          out[#out + 1] = "%"
        elseif c == "0" then
          out[#out + 1] = s:sub(start, stop)
        elseif c ~= "" and cfind(c, "^%d$") then
          local k = tointeger(c)
          if found.n == 2 then
            if k ~= 1 then error(("invalid capture index %%%d"):format(k), 3) end
            out[#out + 1] = s:sub(start, stop)
          else
            local v = found[k + 2]
            if k + 2 > found.n then error(("invalid capture index %%%d"):format(k), 3) end
            if v == false then error("unfinished capture", 3) end
            out[#out + 1] = tostring(v)
          end
        else
          error("invalid use of '%' in replacement string", 3)
        end
        i = pct + 2
      end
    end

    function string.gsub(...)
      local count = select("#", ...)
      local s, p, repl, max = ...
      s = str(1, "gsub", count, s)
      p = str(2, "gsub", count, p)
      local tr = type(repl)
      if tr ~= "number" and tr ~= "string" and tr ~= "function" and tr ~= "table" then
        argerror(3, "gsub", "string/function/table expected, got " .. typename(3, count, repl))
      end
      if tr == "number" then repl = tostring(repl) end
      max = optint(4, "gsub", count, max, #s + 1)
      local anchored = p:byte(1) == 94
      if anchored then p = p:sub(2) end
      local out, n, src, last, changed = {}, 0, 1, 0, false
      while n < max do
        local found = pack(search(s, p, src, last, anchored))
        if found.n == 0 then break end
        local start, stop = found[1], found[2]
        out[#out + 1] = s:sub(src, start - 1)
        n = n + 1
        if tr == "string" or tr == "number" then
          add_s(out, repl, s, start, stop, found)
          changed = true
        else
          local value
          if tr == "function" then
            value = repl(captures(start, stop, s, unpack(found, 3, found.n)))
          else
            local key
            if found.n > 2 then key = found[3] else key = s:sub(start, stop) end
            if key == false then error("unfinished capture", 2) end
            value = repl[key]
          end
          if not value then
            out[#out + 1] = s:sub(start, stop)
          elseif type(value) == "string" or type(value) == "number" then
            out[#out + 1] = tostring(value)
            changed = true
          else
            error(("invalid replacement value (a %s)"):format(type(value)), 2)
          end
        end
        src, last = stop + 1, stop + 1
        if anchored then break end
      end
      if not changed then return s, n end
      out[#out + 1] = s:sub(src)
      return concat(out), n
    end
    """#
}
