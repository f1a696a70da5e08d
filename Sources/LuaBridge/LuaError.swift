/// A failure reported by the Lua side: a chunk that did not compile, or
/// code that raised an error.
///
/// Unchecked `Sendable`: `value` may hold Lua-side objects, and the error is
/// meant for the thread that runs the state.
public struct LuaError: Error, CustomStringConvertible, @unchecked Sendable {
  /// What kind of failure.
  public enum Kind: Sendable {
    /// The chunk did not compile (`LUA_ERRSYNTAX`).
    case syntax
    /// Code raised an error (`LUA_ERRRUN`).
    case runtime
    /// The memory limit was reached (`LUA_ERRMEM`).
    case memory
    /// The message handler itself failed (`LUA_ERRERR`).
    case handler
  }
  /// What kind of failure.
  public let kind: Kind
  /// The message, with traceback when one was taken.
  public let message: String
  /// The error value itself, re-raised unchanged when Swift passes the error back into Lua.
  public let value: LuaValue

  /// A failure of `kind` with `message` and the raised `value`.
  public init(kind: Kind, message: String, value: LuaValue? = nil) {
    self.kind = kind
    self.message = message
    self.value = value ?? .string(message)
  }

  public var description: String { message }
}

/// Raised from a Swift function to report an error as Lua's `error` would:
/// the message gets the caller's `chunk:line:` prefix.
public struct LuaRuntimeError: Error, CustomStringConvertible {
  /// The message, without position.
  public let message: String
  /// A runtime error with `message`.
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// A bad argument to a Swift function bound into Lua. It prints like
/// `luaL_argerror`: `bad argument #1 to 'larger_than' (size expected, got boolean)`,
/// counting from the first argument after `self` when called as a method.
public struct LuaArgumentError: Error, CustomStringConvertible {
  /// The stack position of the argument (1 is the first value passed, `self` for methods).
  public let position: Int32
  /// What is wrong with it.
  public let reason: String

  /// An error about the argument at stack `position`.
  public init(position: Int32, reason: String) {
    self.position = position
    self.reason = reason
  }

  public var description: String { "bad argument #\(position) (\(reason))" }
}

/// An error that pushes its own Lua value (a table or userdata with `__tostring`)
/// instead of a message.
public protocol LuaRaisable: Error {
  /// Pushes the error value Lua code will receive from `pcall`.
  func luaErrorValue(_ call: LuaCall) -> LuaValue
}
