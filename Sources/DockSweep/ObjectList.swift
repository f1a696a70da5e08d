import Foundation
import LuaBridge

/// What image and container lists have in common as Lua objects: immutable items, a table as the docker CLI
/// prints it, and elements that are Lua objects of their own.
protocol ObjectList: LuaObject {
  associatedtype Item
  var items: [Item] { get }
  /// A list of the same kind holding `items`.
  func with(_ items: [Item]) -> Self
  /// The list as the docker CLI prints it.
  func table(now: Date) -> String
  /// The Lua object for `item` (`list[i]`, the argument of `filter`'s function).
  func object(for item: Item) -> LuaValue
  /// When `item` was created, in seconds since 1970.
  static func created(_ item: Item) -> Int64
  /// The labels of `item`.
  static func labels(_ item: Item) -> [String: String]
}

extension ObjectList {
  /// The list in Lua's first argument.
  static func list(_ call: LuaCall) throws -> Self { try call.object(1, as: Self.self) }

  /// The list of the items `keep` accepts.
  static func filtered(_ call: LuaCall, _ keep: (Item) throws -> Bool) throws -> [LuaValue] {
    let list = try list(call)
    return [.object(list.with(try list.items.filter(keep)))]
  }

  /// The methods both kinds of list have: by creation date and age, by label, by a Lua predicate, the
  /// first N.
  static var sharedMethods: [String: LuaFunction] {
    [
      "created_before": { call in
        let date = try call.time(2).timeIntervalSince1970
        return try filtered(call) { TimeInterval(created($0)) < date }
      },
      "created_after": { call in
        let date = try call.time(2).timeIntervalSince1970
        return try filtered(call) { TimeInterval(created($0)) > date }
      },
      "older_than": { call in
        let date = try call.age(2).timeIntervalSince1970
        return try filtered(call) { TimeInterval(created($0)) < date }
      },
      "newer_than": { call in
        let date = try call.age(2).timeIntervalSince1970
        return try filtered(call) { TimeInterval(created($0)) > date }
      },
      "labeled": { call in
        let key = try call.string(2)
        let value = try call.optionalString(3)
        return try filtered(call) { item in
          guard let found = labels(item)[key] else { return false }
          return value == nil || found == value
        }
      },
      "filter": { call in
        let l = try list(call)
        try call.checkFunction(2)
        var kept: [Item] = []
        for item in l.items where try call.callFunction(2, with: [l.object(for: item)]).first?.isTruthy == true {
          kept.append(item)
        }
        return [.object(l.with(kept))]
      },
      "first": { call in
        let l = try list(call)
        let n = try call.integer(2)
        guard n >= 0 else { throw LuaArgumentError(position: 2, reason: "count must not be negative") }
        return [.object(l.with(Array(l.items.prefix(Int(n)))))]
      },
    ]
  }

  /// `tostring(list)`, `#list` and `list[i]` (from 1; nil outside the list) on `type`.
  static func addAccess(to type: inout LuaObjectType) {
    type.toString = { ($0 as! Self).table(now: Date()).trimmingTrailingNewline }
    type.length = { ($0 as! Self).items.count }
    type.element = { _, object, index in
      let l = object as! Self
      guard index >= 1, index <= l.items.count else { return .nil }
      return l.object(for: l.items[Int(index) - 1])
    }
  }
}
