import DockerFormats
import FoundationEssentials
import LuaBridge

/// How the REPL shows a value: objects through `tostring` (lists as docker-style tables, an image or a
/// container as one line, reports as the CLI prints removals); plain tables as Lua constructors, at most
/// ``maxDepth`` levels deep and ``maxEntries`` entries per table, on one line when they fit in
/// ``lineWidth`` and one entry per line otherwise. Strings inside tables are quoted and escaped; objects
/// inside tables show their one-line form, or their type and size when `tostring` spans lines.
enum ValuePrinter {
  static let maxDepth = 3
  static let maxEntries = 50
  static let lineWidth = 100
  /// Entries at most this long share lines when a table does not fit on one.
  static let shortEntry = 24

  static func render(stack: LuaStack, index: Int32) -> String {
    if stack.isTable(at: index) {
      let text = stack.hasMetatable(at: index) ? stack.describe(at: index) : nil
      // A table with a metatable but no `__tostring` shows its contents too.
      if text == nil || text!.hasPrefix("table: ") {
        return layout(stack.table(at: index, depth: maxDepth), stack: stack, indent: "", depth: 0)
      }
      return text!
    }
    return stack.describe(at: index)
  }

  /// `table` as a constructor: one line when it fits, else one entry per line indented below `indent`.
  static func layout(_ table: LuaTable, stack: LuaStack, indent: String, depth: Int) -> String {
    let entries = self.entries(table, stack: stack, indent: indent + "  ", depth: depth)
    if entries.isEmpty { return "{}" }
    let flat = "{ " + entries.joined(separator: ", ") + " }"
    if flat.count + indent.count <= lineWidth && !flat.contains("\n") { return flat }
    let inner = indent + "  "
    var lines: [String] = []
    if entries.allSatisfy({ $0.count <= shortEntry && !$0.contains("\n") }) {
      // Short entries (numbers, names) fill lines rather than take one each.
      var line = ""
      for e in entries {
        if !line.isEmpty && inner.count + line.count + e.count + 2 > lineWidth {
          lines.append(line)
          line = ""
        }
        line += line.isEmpty ? e : ", " + e
      }
      lines.append(line)
    } else {
      lines = entries
    }
    return "{\n" + lines.map { inner + $0 }.joined(separator: ",\n") + "\n" + indent + "}"
  }

  /// The entries of `table` in order: the sequence, then string keys sorted, then other keys sorted;
  /// at most ``maxEntries``, then a count of the rest.
  static func entries(_ table: LuaTable, stack: LuaStack, indent: String, depth: Int) -> [String] {
    var parts: [String] = []
    for v in table.array.prefix(maxEntries) { parts.append(value(v, stack: stack, indent: indent, depth: depth)) }
    for k in table.fields.keys.sorted().prefix(max(0, maxEntries - parts.count)) {
      parts.append("\(key(k)) = \(value(table.fields[k]!, stack: stack, indent: indent, depth: depth))")
    }
    let others = table.otherPairs.sorted { order($0.key, $1.key) }
    for (k, v) in others.prefix(max(0, maxEntries - parts.count)) {
      parts.append("[\(scalar(k))] = \(value(v, stack: stack, indent: indent, depth: depth))")
    }
    let total = table.array.count + table.fields.count + table.otherPairs.count
    if total > parts.count { parts.append("... (\(total - parts.count) more)") }
    return parts
  }

  /// A value inside a table at nesting `depth` (the outermost table is depth 0).
  static func value(_ v: LuaValue, stack: LuaStack, indent: String, depth: Int) -> String {
    switch v {
    case .table(let t):
      if depth + 1 >= maxDepth { return t.array.isEmpty && t.fields.isEmpty && t.otherPairs.isEmpty ? "{}" : "{...}" }
      return layout(t, stack: stack, indent: indent, depth: depth + 1)
    case .opaque("table"): return "{...}"
    case .object(let o): return object(o, value: v, stack: stack)
    default: return scalar(v)
    }
  }

  /// An object inside a table: a list as its type and length; another object as its `tostring` when that
  /// is one line, else its type and first line.
  static func object(_ o: any LuaObject, value: LuaValue, stack: LuaStack) -> String {
    if let list = o as? ImageList { return "\(ImageList.luaTypeName) (\(list.items.count) images)" }
    if let list = o as? ContainerList { return "\(ContainerList.luaTypeName) (\(list.items.count) containers)" }
    stack.push(value)
    let text = stack.describe(at: -1)
    let name = stack.typeName(at: -1)
    stack.pop()
    guard text.contains("\n") else { return text }
    return "\(name) (\(text.split(separator: "\n").first ?? "") ...)"
  }

  /// Numbers, booleans, strings and other non-table values as Lua literals or their type.
  static func scalar(_ v: LuaValue) -> String {
    switch v {
    case .bytes(let b): return quoted(b)
    case .nil: return "nil"
    case .boolean(let b): return b ? "true" : "false"
    case .integer(let i): return String(i)
    case .number(let d):
      let s = CFormat.string("%.14g", d)
      return s.contains(where: { ".eEn".contains($0) }) ? s : s + ".0"
    case .table: return "{...}"
    case .object: return "userdata"
    case .function: return "function"
    case .opaque(let name): return name
    }
  }

  /// A string as a Lua literal in double quotes; control characters escaped, UTF-8 kept.
  static func quoted(_ bytes: [UInt8]) -> String {
    String(decoding: bytes, as: UTF8.self).quoted { scalar in
      scalar.value < 0x20 || scalar.value == 0x7f ? "\\" + String(scalar.value) : nil
    }
  }

  /// A string key: bare when it is a Lua name, else `["..."]`.
  static func key(_ k: String) -> String {
    let isName =
      !k.isEmpty && !(k.first!.isNumber) && k.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
      && !ReplEngine.keywords.contains(k)
    return isName ? k : "[\(quoted(Array(k.utf8)))]"
  }

  /// Orders non-string keys: numbers by value, then everything else by its text.
  static func order(_ a: LuaValue, _ b: LuaValue) -> Bool {
    switch (a.doubleValue, b.doubleValue) {
    case (let x?, let y?): return x < y
    case (.some, nil): return true
    case (nil, .some): return false
    case (nil, nil): return scalar(a) < scalar(b)
    }
  }
}
