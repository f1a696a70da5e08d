import DockerEngine
import FoundationEssentials
import LuaBridge

/// What a ``Binding``'s body is called with: the Lua call, the declaration, and the module it is bound
/// to. Parameters are read by their number in the declaration (1 is the first after a method's
/// receiver); the option table is checked against the declared keys.
struct Arguments {
  let call: LuaCall
  let binding: Binding
  /// The `docker` module of the session (nil for bindings installed without one, such as `units`).
  let module: DockerModule?

  /// The session of the `docker` module.
  var docker: DockerModule {
    guard let module else { preconditionFailure("\(binding.fullName) is bound without a docker module") }
    return module
  }

  var session: Session { docker.session }

  /// The Lua stack index of parameter `n` (1-based, after the receiver).
  func position(_ n: Int) -> Int32 { Int32(n) + (binding.isMethod ? 1 : 0) }

  /// The receiver of a method.
  func receiver<T: LuaObject>(_ type: T.Type) throws -> T { try call.object(1, as: T.self) }

  func string(_ n: Int) throws -> String { try call.string(position(n)) }
  func optionalString(_ n: Int) throws -> String? { try call.optionalString(position(n)) }
  func integer(_ n: Int) throws -> Int64 { try call.integer(position(n)) }
  func number(_ n: Int) throws -> Double { try call.number(position(n)) }
  func size(_ n: Int) throws -> Int64 { try call.size(position(n)) }
  func time(_ n: Int) throws -> Date { try call.time(position(n)) }
  func age(_ n: Int) throws -> Date { try call.age(position(n)) }
  /// Parameter `n` as a regular expression whose matching stops at the session's limits.
  func regex(_ n: Int) throws -> StoppableRegex {
    StoppableRegex(regex: try call.regex(position(n)), limit: session.limitReached)
  }
  func isNil(_ n: Int) -> Bool { call.isNil(position(n)) }
  func value(_ n: Int) -> LuaValue { call.value(position(n)) }

  /// The option table, checked against the declaration: unknown keys (with the closest declared one),
  /// positional entries, missing required keys and values of the wrong type are errors.
  func options() throws -> OptionValues {
    let at = binding.optionsPosition
    let declared = binding.options
    guard let table = try call.optionalTable(at) else {
      if binding.optionsRequired { throw call.typeError(at, expected: "table") }
      return OptionValues(declared: declared, table: LuaTable(), position: at)
    }
    let keys = declared.map(\.key)
    for key in table.fields.keys.sorted() where !keys.contains(key) {
      var reason = "unknown option '\(key)'"
      if let near = Suggestion.closest(to: key, among: keys) { reason += " (did you mean '\(near)'?)" }
      reason += "; accepted: " + keys.sorted().joined(separator: ", ")
      throw LuaArgumentError(position: at, reason: reason)
    }
    if !table.array.isEmpty || !table.otherPairs.isEmpty {
      throw LuaArgumentError(position: at, reason: "options must be named, e.g. {\(keys.first ?? "key") = ...}")
    }
    let values = OptionValues(declared: declared, table: table, position: at)
    for option in declared {
      if option.required && table.fields[option.key] == nil {
        throw LuaArgumentError(position: at, reason: "option '\(option.key)' is required")
      }
      try values.check(option)
    }
    return values
  }

  /// A new list of the receiver's kind holding the items `keep` accepts.
  func filtered<L: ObjectList>(_ type: L.Type, _ keep: (L.Item) throws -> Bool) throws -> [LuaValue] {
    let list = try receiver(L.self)
    return [.object(list.with(try list.items.filter(keep)))]
  }
}

/// An option table checked against its declaration; each read gives the declared default when the key
/// is absent. Reading a key that was not declared is a programming error.
struct OptionValues {
  let declared: [Binding.Option]
  let table: LuaTable
  let position: Int32

  private func declaration(_ key: String) -> Binding.Option {
    guard let o = declared.first(where: { $0.key == key }) else {
      preconditionFailure("option '\(key)' is not declared")
    }
    return o
  }

  /// Whether `key` was given.
  func has(_ key: String) -> Bool {
    if case .some(.nil) = table.fields[key] { return false }
    return table.fields[key] != nil
  }

  func bool(_ key: String) throws -> Bool {
    let o = declaration(key)
    return try table.bool(key, default: o.defaultValue, position: position)
  }

  func string(_ key: String) throws -> String? {
    _ = declaration(key)
    return try table.string(key, position: position)
  }

  func strings(_ key: String) throws -> [String] {
    _ = declaration(key)
    return try table.strings(key, position: position)
  }

  func integer(_ key: String) throws -> Int64? {
    _ = declaration(key)
    return try table.integer(key, position: position)
  }

  func labels(_ key: String) throws -> [String: String] {
    _ = declaration(key)
    switch table.fields[key] {
    case nil, .some(.nil): return [:]
    case .some(.table(let t)):
      var out: [String: String] = [:]
      for (k, v) in t.fields {
        guard let s = v.stringValue else {
          throw LuaArgumentError(position: position, reason: "option '\(key)' must map strings to strings")
        }
        out[k] = s
      }
      return out
    case .some(let other):
      throw LuaArgumentError(position: position, reason: "option '\(key)' must be a table, got \(other.typeName)")
    }
  }

  /// Checks the type of `option`'s value, so that a wrong type is an error even for keys the body does
  /// not read on every path.
  func check(_ option: Binding.Option) throws {
    switch option.kind {
    case .boolean: _ = try bool(option.key)
    case .integer: _ = try integer(option.key)
    case .string: _ = try string(option.key)
    case .size: _ = try limit(option.key)
    case .duration: _ = try duration(option.key)
    case .strings: _ = try strings(option.key)
    case .labels: _ = try labels(option.key)
    case .containerPolicy: _ = try containerPolicy(option.key)
    case .volumeChoice: _ = try volumeChoice(option.key)
    case .rank:
      if has(option.key), let value = table.fields[option.key], value.typeName != "function" {
        throw LuaArgumentError(
          position: position, reason: "option '\(option.key)' must be a function, got \(value.typeName)")
      }
    }
  }
}
