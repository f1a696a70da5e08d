import LuaBridge

/// A field an object serves to Lua, declared once: its name, its LuaLS type (`string`, `integer?`,
/// `string[]`) and how to read it.
struct Field<Object>: Sendable {
  let name: String
  let type: String
  let get: @Sendable (Object) throws -> LuaValue

  init(_ name: String, _ type: String, _ get: @escaping @Sendable (Object) throws -> LuaValue) {
    self.name = name
    self.type = type
    self.get = get
  }
}

/// A docksweep object as Lua sees it, declared once: its class name, one line about it and its
/// fields. Field access, `tostring`, the LuaLS class and the methods from ``Catalog`` all derive
/// from it.
protocol LuaClass: LuaObject, JSONEncodable {
  /// The LuaLS class name: `Image`; the metatable is `docker.Image`.
  static var className: String { get }
  static var summary: String { get }
  static var fields: [Field<Self>] { get }
  /// What `tostring` shows.
  var text: String { get }
}

extension LuaClass {
  static var luaTypeName: String { Binding.metatableName(of: className) }

  /// The value of field `key`, nil when it has none.
  func field(_ key: String) throws -> LuaValue {
    guard let f = Self.fields.first(where: { $0.name == key }) else { return .nil }
    return try f.get(self)
  }

  /// The class for the LuaLS definitions and help.
  static var documentation: ClassDocumentation {
    ClassDocumentation(name: className, summary: summary, fields: fields.map { ($0.name, $0.type) })
  }

  /// The Lua type: declared fields, `tostring`, and the methods the catalog declares for the class,
  /// bound to `module`.
  static func objectType(module: DockerModule?) -> LuaObjectType {
    var t = LuaObjectType(name: luaTypeName, methods: Catalog.methods(of: className, module: module))
    if !fields.isEmpty { t.field = { _, object, key in try (object as! Self).field(key) } }
    t.toString = { ($0 as! Self).text }
    return t
  }
}

/// A class as the LuaLS definitions and `help` describe it.
struct ClassDocumentation: Sendable {
  let name: String
  let summary: String
  let fields: [(name: String, type: String)]
  /// The element class of a list class (`ImageList` holds `Image`).
  var element: String?
}
