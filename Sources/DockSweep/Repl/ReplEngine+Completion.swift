import FoundationEssentials
import LuaBridge

extension ReplEngine {
  /// Characters that end a word for completion; `.` and `:` are inside words.
  public static let wordBreakCharacters = " \t\n\"'(),=+-*/{}[]<>~;#"

  /// Lua keywords offered at the start of a word.
  static let keywords = [
    "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in", "local", "nil",
    "not", "or", "repeat", "return", "then", "true", "until", "while",
  ]

  /// Candidates for the word before the cursor in `line`, each a full replacement of that word:
  /// globals and table fields (`docker.ima` → `docker.images`), methods after `:` read from the
  /// value's metatable (`docker.images():ma` → `:match`), and image references and container
  /// names inside a string (`docker.rmi("post` → `postgres:13-beta2-alpine`).
  public func completions(for line: String) -> [String] {
    (try? session.luaThread.perform { completionsHere(for: line) }) ?? []
  }

  private func completionsHere(for line: String) -> [String] {
    let breaks = Set(Self.wordBreakCharacters)
    let wordStart = line.lastIndex(where: { breaks.contains($0) }).map { line.index(after: $0) } ?? line.startIndex
    let word = String(line[wordStart...])
    let before = line[..<wordStart]
    if before.filter({ $0 == "\"" }).count % 2 == 1 || before.filter({ $0 == "'" }).count % 2 == 1 {
      // Names hold word breaks (`myorg/pg:13-beta`): match all the string typed so far, replace the word.
      let quote = before.lastIndex(where: { $0 == "\"" || $0 == "'" })!
      let typed = String(line[line.index(after: quote)...])
      let cut = typed.count - word.count
      return dockerNames().filter { $0.hasPrefix(typed) }.map { String($0.dropFirst(cut)) }.sorted()
    }
    if let colon = word.lastIndex(of: ":") {
      let member = String(word[word.index(after: colon)...])
      let receiver = String(word[..<colon])
      let expression = receiver.isEmpty ? expressionBefore(before) : receiver
      return methods(of: expression).filter { $0.hasPrefix(member) }.sorted().map { String(word[...colon]) + $0 }
    }
    var path = word.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    let last = path.removeLast()
    let keys = path.isEmpty ? globalNames() + Self.keywords : fieldNames(path)
    let prefix = path.isEmpty ? "" : path.joined(separator: ".") + "."
    return Array(Set(keys.filter { $0.hasPrefix(last) })).sorted().map { prefix + $0 }
  }

  /// The call expression ending just before a `:` (`docker.images():larger_than("1GB")`).
  private func expressionBefore(_ text: Substring) -> String {
    var depth = 0
    var i = text.endIndex
    while i > text.startIndex {
      let j = text.index(before: i)
      let c = text[j]
      if c == ")" {
        depth += 1
      } else if c == "(" {
        if depth == 0 { break }
        depth -= 1
      } else if depth == 0 && !(c.isLetter || c.isNumber || c == "_" || c == "." || c == ":") {
        break
      }
      i = j
    }
    return String(text[i...])
  }

  /// Method names of what `expression` evaluates to, worked out without running calls: a global path is
  /// looked up; a call chain is typed from the declared return types (`docker.images():match(...)` → an
  /// image list).
  private func methods(of expression: String) -> [String] {
    // Drop the arguments: `docker.images{all = true}:match("^a:b")` → `docker.images():match()`.
    var bare = ""
    var depth = 0
    for c in expression {
      if c == "(" || c == "{" {
        if depth == 0 { bare.append("(") }
        depth += 1
      } else if c == ")" || c == "}" {
        depth -= 1
        if depth == 0 { bare.append(")") }
      } else if depth == 0 {
        bare.append(c)
      }
    }
    var steps = bare.split(separator: ":").map(String.init)
    guard !steps.isEmpty else { return [] }
    let root = steps.removeFirst()
    var className: String?
    if root.hasSuffix("()") {
      className = Catalog.returnedClass(of: String(root.dropLast(2)), on: nil)
    } else if !root.contains("(") {
      let type = session.lua.typeName(ofGlobalPath: root.split(separator: ".").map(String.init))
      className = type.map { $0.hasPrefix("docker.") ? String($0.dropFirst(7)) : $0 }
    }
    for step in steps {
      guard let owner = className, step.hasSuffix("()") else { return [] }
      className = Catalog.returnedClass(of: String(step.dropLast(2)), on: owner)
    }
    guard let className else { return [] }
    return session.lua.methodNames(ofType: Binding.metatableName(of: className))
  }

  private func globalNames() -> [String] {
    session.lua.fieldNames(ofGlobalPath: [])
  }

  private func fieldNames(_ path: [String]) -> [String] {
    session.lua.fieldNames(ofGlobalPath: path)
  }

  /// Image references and container names, for completing inside strings; none when the engine
  /// does not answer within ``engineWait`` (a Tab never hangs).
  private func dockerNames() -> [String] {
    let names = try? session.engine.call(within: Self.engineWait) { client in
      async let images = client.images()
      async let containers = client.containers(all: true)
      return try await images.flatMap(\.repoTags) + containers.map(\.name)
    }
    return (names ?? nil) ?? []
  }
}
