import CLua

/// The type of a Lua value, as `type()` names it, plus ``none`` for a stack slot with no value.
public enum LuaType: String, Sendable {
  case none = "no value"
  case `nil`, boolean, number, string, table, function, thread
  case lightUserdata = "light userdata"
  case userdata

  init(code: Int32) {
    switch code {
    case LUA_TNIL: self = .nil
    case LUA_TBOOLEAN: self = .boolean
    case LUA_TLIGHTUSERDATA: self = .lightUserdata
    case LUA_TNUMBER: self = .number
    case LUA_TSTRING: self = .string
    case LUA_TTABLE: self = .table
    case LUA_TFUNCTION: self = .function
    case LUA_TUSERDATA: self = .userdata
    case LUA_TTHREAD: self = .thread
    default: self = .none
    }
  }
}
