import DockerFormats
import LuaBridge

/// What a script may use without `--trust`. Applied to the global table
/// before any script runs; see the README's "Security model".
enum Sandbox {
  /// Functions replaced by a refusal naming `--trust`.
  static let refused = [
    "os.execute", "os.exit", "os.remove", "os.rename", "os.tmpname", "os.getenv", "os.setlocale",
    "io.open", "io.popen", "io.input", "io.output", "io.tmpfile", "io.close",
    "dofile", "loadfile", "string.dump", "package.loadlib",
  ]

  /// The refusal message for `name`.
  static func refusal(_ name: String) -> String {
    "\(name) is not allowed in a sandboxed recipe (run docksweep with --trust to allow it)"
  }

  /// `{"os", "execute"}, {"dofile"}, ...`: each name as its library and field, so that the prelude needs
  /// no pattern matching (which runs in Swift, see ``StringPatterns``) to take them apart. A loop rather
  /// than `joined(separator:)`, whose generic witnesses cost a runtime type lookup at start-up.
  static func luaList(_ names: [String]) -> String {
    var list = ""
    for name in names {
      if !list.isEmpty { list += ", " }
      if let dot = name.firstRange(ofBytes: ".") {
        list += "{\"" + String(name[..<dot.lowerBound]) + "\", \"" + String(name[dot.upperBound...]) + "\"}"
      } else {
        list += "{\"" + name + "\"}"
      }
    }
    return list
  }

  /// Lua run once, with full rights, to narrow the globals. `refuse(name)`
  /// returns a function raising the refusal; `bundled` holds the modules `require` may load.
  static let prelude = """
    local refuse, bundled = ...
    local loaded = package.loaded
    for _, name in ipairs({\(luaList(refused))}) do
      local lib, field = name[1], name[2]
      if field then _G[lib][field] = refuse(lib .. "." .. field) else _G[lib] = refuse(lib) end
    end
    local rawload = load
    load = function(chunk, name, mode, env)
      if mode ~= nil and mode ~= "t" then error(select(2, pcall(refuse("loading binary chunks"))), 2) end
      if type(chunk) == "string" and chunk:byte(1) == 27 then
        return nil, "attempt to load a binary chunk (binary chunks are not allowed in a sandboxed recipe; run docksweep with --trust to allow them)"
      end
      return rawload(chunk, name, "t", env or _G)
    end
    local rawcollect = collectgarbage
    collectgarbage = function(opt, ...)
      if opt == "count" then return rawcollect("count") end
      error(select(2, pcall(refuse("collectgarbage(\\"" .. tostring(opt or "collect") .. "\\")"))), 2)
    end
    local rawlines = io.lines
    io.lines = function(...)
      if select("#", ...) > 0 then error(select(2, pcall(refuse("io.lines with a file name"))), 2) end
      return rawlines()
    end
    local function locked(libname)
      return setmetatable({}, {
        __index = function(_, k) return refuse(libname .. "." .. tostring(k)) end,
        __newindex = function(_, k) error(select(2, pcall(refuse(libname .. "." .. tostring(k)))), 2) end,
        __metatable = "locked",
      })
    end
    -- Metatables every value of a kind shares (strings, files) stay readable and become read-only: a
    -- recipe cannot rewire string methods or file handles for the code that runs after it.
    local function readonly(mt, what)
      mt.__metatable = setmetatable({}, {
        __index = mt,
        __newindex = function(_, k)
          error("the " .. what .. " metatable is shared and read-only in a sandboxed recipe (run docksweep with --trust to change it)", 2)
        end,
        __metatable = "locked",
      })
    end
    readonly(getmetatable(""), "string")
    readonly(getmetatable(io.stdout), "file")
    debug = locked("debug")
    package = locked("package")
    require = function(name)
      if bundled[name] ~= nil then return loaded[name] or bundled[name] end
      error(select(2, pcall(refuse("require(\\"" .. tostring(name) .. "\\")"))), 2)
    end
    """

  /// Narrows `lua`'s globals to the sandbox. `bundled` maps module names `require` may load to their tables.
  static func install(in lua: LuaState, bundled: [String: LuaValue]) throws {
    let refuse = LuaSwiftFunction("refuse") { call in
      let name = try call.string(1)
      return [
        .function(
          LuaSwiftFunction(name) { _ in throw LuaRuntimeError(refusal(name)) })
      ]
    }
    try lua.run(prelude, name: "=sandbox", arguments: [.function(refuse), .table(LuaTable(fields: bundled))])
  }
}
