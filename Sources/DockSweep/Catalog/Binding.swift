import LuaBridge

/// One Lua function or method, declared once: where it lives, its parameters and option keys, what
/// it returns, one line of help, an example and its body.
///
/// `help()`, the LuaLS definitions (`docksweep types`), REPL completion of what a call returns,
/// checking of option tables (with "did you mean") and the position in argument errors all come
/// from this declaration; adding a method is adding one `Binding` to its owner's list. A class, immutable:
/// the catalog's lists, built at every start, share each declaration instead of copying its fields.
/// ```swift
/// Binding(
///   .methods(of: "ImageList"), "larger_than", ["size: string|number"], returns: "ImageList",
///   summary: "keep images larger than a size", example: #"docker.images():larger_than("500MB")"#
/// ) { a in
///   let bytes = try a.size(1)
///   return try a.filtered(ImageList.self) { $0.summary.size > bytes }
/// }
/// ```
final class Binding: Sendable {
  /// Where a binding lives.
  enum Owner: Hashable, Sendable {
    /// A field of a module table: `docker.images`, `units.bytes`.
    case module(String)
    /// A method of an object type, by its class name: `ImageList:match`.
    case methods(of: String)

    /// `docker`, `ImageList`.
    var name: String {
      switch self {
      case .module(let n), .methods(of: let n): return n
      }
    }
  }

  /// A positional parameter, in LuaLS form: `regex: string`, `value?: string`, `...: string`.
  struct Parameter: Sendable {
    let name: String
    let type: String

    /// Whether it may be left out (`name?`).
    var isOptional: Bool { name.hasSuffix("?") }

    /// `regex: string` → `regex`, `string`. (Plain string work: Foundation's trimming costs a runtime type
    /// lookup at every start-up.)
    init(declaration: String) {
      guard let colon = declaration.firstIndex(of: ":") else {
        name = declaration
        type = "any"
        return
      }
      name = String(declaration[..<colon])
      type = String(declaration[declaration.index(after: colon)...].drop(while: { $0 == " " }))
    }
  }

  /// A key of the option table.
  struct Option: Sendable {
    /// The value types an option takes.
    enum Kind: String, Sendable {
      case boolean, integer, string
      /// One string or a list of them.
      case strings = "string|string[]"
      /// A table of string keys and values.
      case labels = "table<string,string>"
      /// A size: bytes, or `"500MB"`, `"80%"` where a percentage is meaningful.
      case size = "string|integer"
      /// A duration: `"10m"`, `"7d"`, or seconds.
      case duration = "string|number"
      /// `docker.budget`'s eviction order.
      case rank = "fun(image: Image): number"
      /// `docker.budget`'s stopped containers.
      case containerPolicy = "{stopped_for: string|number}"
      /// `docker.budget`'s volumes: anonymous ones (`true`) or all unused ones (`"all"`).
      case volumeChoice = "boolean|\"all\""
    }

    let key: String
    let kind: Kind
    /// The value of a boolean option when the key is absent.
    let defaultValue: Bool
    /// Whether the key must be given.
    let required: Bool

    static func bool(_ key: String, _ defaultValue: Bool = false) -> Option {
      Option(key: key, kind: .boolean, defaultValue: defaultValue, required: false)
    }
    static func integer(_ key: String) -> Option {
      Option(key: key, kind: .integer, defaultValue: false, required: false)
    }
    static func string(_ key: String, required: Bool = false) -> Option {
      Option(key: key, kind: .string, defaultValue: false, required: required)
    }
    static func strings(_ key: String) -> Option {
      Option(key: key, kind: .strings, defaultValue: false, required: false)
    }
    static func size(_ key: String) -> Option {
      Option(key: key, kind: .size, defaultValue: false, required: false)
    }
    static func duration(_ key: String) -> Option {
      Option(key: key, kind: .duration, defaultValue: false, required: false)
    }
    static func labels(_ key: String) -> Option {
      Option(key: key, kind: .labels, defaultValue: false, required: false)
    }

    /// `force?: boolean` as LuaLS writes a table field.
    var luaLS: String { key + (required ? "" : "?") + ": " + kind.rawValue }
  }

  let owner: Owner
  let name: String
  let parameters: [Parameter]
  /// The keys of the option table that follows the parameters; empty when it takes none.
  let options: [Option]
  /// Whether the option table must be given (`docker.run{image = ...}`).
  let optionsRequired: Bool
  /// The LuaLS type it returns; `nil` for nothing.
  let returns: String
  let summary: String
  let example: String
  let body: @Sendable (Arguments) throws -> [LuaValue]

  init(
    _ owner: Owner, _ name: String, _ parameters: [String] = [], options: [Option] = [],
    optionsRequired: Bool = false, returns: String, summary: String, example: String,
    _ body: @escaping @Sendable (Arguments) throws -> [LuaValue]
  ) {
    self.owner = owner
    self.name = name
    self.parameters = parameters.map(Parameter.init(declaration:))
    self.options = options
    self.optionsRequired = optionsRequired
    self.returns = returns
    self.summary = summary
    self.example = example
    self.body = body
  }

  /// Whether it is called with `:`.
  var isMethod: Bool {
    if case .methods = owner { return true }
    return false
  }

  /// `docker.images`, `ImageList:match`.
  var fullName: String { owner.name + (isMethod ? ":" : ".") + name }

  /// Every parameter in LuaLS form, the option table last: `{"regex: string", "opts?: {force?: boolean}"}`.
  var luaLSParameters: [(name: String, type: String)] {
    var out = parameters.map { ($0.name, $0.type) }
    if !options.isEmpty {
      out.append((optionsRequired ? "opts" : "opts?", "{" + options.map(\.luaLS).joined(separator: ", ") + "}"))
    }
    return out
  }

  /// `docker.rmi(ref, opts?)`.
  var signature: String {
    fullName + "(" + luaLSParameters.map(\.name).joined(separator: ", ") + ")"
  }

  /// The Lua stack index of the option table (after the receiver of a method and the parameters).
  var optionsPosition: Int32 { Int32(parameters.count) + (isMethod ? 2 : 1) }

  /// The metatable name of a class: `ImageList` → `docker.ImageList`.
  static func metatableName(of className: String) -> String { "docker." + className }
}
