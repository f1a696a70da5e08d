import FoundationEssentials
import LuaBridge

/// A field lists sort by: its name (and other names it answers to) and the key it gives an item.
struct SortField<Item>: Sendable {
  let name: String
  var aliases: [String] = []
  let key: @Sendable (Item) -> SortKey
}

/// What image and container lists have in common as Lua objects: immutable items, a table as the docker CLI
/// prints it, and elements that are Lua objects of their own. Their shared methods are ``ListMethods``.
protocol ObjectList: LuaClass {
  associatedtype Item
  var items: [Item] { get }
  /// A list of the same kind holding `items`.
  func with(_ items: [Item]) -> Self
  /// The list as the docker CLI prints it.
  func table(now: Date) -> String
  /// The table with chosen `columns` (the default ones when empty); an unknown column is an error at `position`.
  func table(columns: [String], position: Int32) throws -> String
  /// The Lua object for `item` (`list[i]`, the argument of `filter`'s function).
  func object(for item: Item) -> LuaValue
  /// The items whose names match `regex` (`keep`), or the others.
  func matching(_ regex: StoppableRegex, keep: Bool) throws -> Self
  /// The class of the elements (`Image`).
  static var elementClass: String { get }
  /// The fields `sort_by` takes.
  static var sortFields: [SortField<Item>] { get }
  /// The full ID of `item`.
  static func id(_ item: Item) -> String
  /// When `item` was created, in seconds since 1970.
  static func created(_ item: Item) -> Int64
  /// The labels of `item`.
  static func labels(_ item: Item) -> [String: String]
  /// The list ready to sort by `field`: with what that field needs fetched.
  func sortable(by field: String) throws -> Self
}

extension ObjectList {
  static var fields: [Field<Self>] { [] }

  var text: String { table(now: Date()).trimmingTrailingNewline }

  func sortable(by field: String) throws -> Self { self }

  static var documentation: ClassDocumentation {
    ClassDocumentation(name: className, summary: summary, fields: [], element: elementClass)
  }

  /// The Lua type: the methods the catalog declares, `tostring` (the table), `#list` and `list[i]` (from 1;
  /// nil outside the list).
  static func listType(module: DockerModule?) -> LuaObjectType {
    var type = objectType(module: module)
    type.length = { ($0 as! Self).items.count }
    type.element = { _, object, index in
      let l = object as! Self
      guard index >= 1, index <= l.items.count else { return .nil }
      return l.object(for: l.items[Int(index) - 1])
    }
    return type
  }
}
