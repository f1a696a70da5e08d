import LuaBridge

/// A value lists sort by; ties keep the list's order.
enum SortKey {
  case number(Double)
  case text(String)

  static func less(_ a: SortKey, _ b: SortKey) -> Bool {
    switch (a, b) {
    case (.number(let x), .number(let y)): return x < y
    case (.text(let x), .text(let y)): return x < y
    case (.number, .text): return true
    case (.text, .number): return false
    }
  }

  /// `items` sorted stably by `key`.
  static func sort<T>(_ items: [T], by key: (T) -> SortKey, descending: Bool) -> [T] {
    let keyed = items.enumerated().map { (offset: $0.offset, key: key($0.element), item: $0.element) }
    return keyed.sorted { a, b in
      if less(a.key, b.key) { return !descending }
      if less(b.key, a.key) { return descending }
      return a.offset < b.offset
    }.map(\.item)
  }
}

/// Reads the `"asc"` / `"desc"` argument of `sort_by`.
enum SortOrder {
  /// True for descending.
  static func read(_ call: LuaCall, _ index: Int32) throws -> Bool {
    guard let order = try call.optionalString(index) else { return false }
    switch order.lowercased() {
    case "asc": return false
    case "desc": return true
    default: throw LuaArgumentError(position: index, reason: "sort order must be \"asc\" or \"desc\", got \"\(order)\"")
    }
  }
}
