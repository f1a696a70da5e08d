import LuaBridge

/// How the REPL shows a value: objects through `tostring` (lists as tables,
/// reports as the CLI prints them); plain tables in a nested form, at most
/// 3 levels deep and 50 entries per table.
enum ValuePrinter {
  static let maxDepth = 3
  static let maxEntries = 50

  static func render(stack: LuaStack, index: Int32) -> String {
    if stack.isTable(at: index) && !stack.hasMetatable(at: index) {
      return render(.table(stack.table(at: index, depth: maxDepth)), depth: 0)
    }
    return stack.describe(at: index)
  }

  static func render(_ value: LuaValue, depth: Int) -> String {
    switch value {
    case .table(let t):
      if depth >= maxDepth { return "{...}" }
      var parts: [String] = []
      for v in t.array.prefix(maxEntries) { parts.append(render(v, depth: depth + 1)) }
      for k in t.fields.keys.sorted().prefix(max(0, maxEntries - parts.count)) {
        let key =
          k.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } && !(k.first?.isNumber ?? true) ? k : "[\"\(k)\"]"
        parts.append("\(key) = \(render(t.fields[k]!, depth: depth + 1))")
      }
      let total = t.array.count + t.fields.count + t.otherPairs.count
      if total > parts.count { parts.append("... (\(total - parts.count) more)") }
      return parts.isEmpty ? "{}" : "{ " + parts.joined(separator: ", ") + " }"
    case .bytes: return "\"" + (value.stringValue ?? "") + "\""
    case .nil: return "nil"
    case .boolean(let b): return b ? "true" : "false"
    case .integer(let i): return String(i)
    case .number(let d):
      let s = String(format: "%.14g", d)
      return s.contains(where: { ".eEn".contains($0) }) ? s : s + ".0"
    case .object: return "userdata"
    case .function: return "function"
    case .opaque(let name): return name
    }
  }
}
