/// What a recipe declares in its leading comments, so that a person can see what it takes and what it
/// may do before running it:
///
/// ```lua
/// -- Save matching images to a tar, then remove them. Usage: backup-then-remove REGEX FILE
/// --- @allow write
/// ```
///
/// The first comment line says what it does; its `Usage:` part names the arguments (`[N=3]` is
/// optional). `--- @allow write` asks to write files (`docker.save`), `--- @trust` asks to run
/// without the sandbox.
public struct RecipeHeader: Sendable, Equatable {
  /// A permission beyond the sandbox.
  public enum Permission: String, Sendable, CaseIterable {
    /// Write files with `docker.save` (as `--allow-write DIR` allows).
    case write
    /// Run without the sandbox (as `--trust` does).
    case trust

    /// What the permission lets the recipe do, for the question and the listing.
    public var meaning: String {
      switch self {
      case .write: return "write files (docker.save)"
      case .trust: return "run without the sandbox (programs, files, docker.run/pull/load)"
      }
    }
  }

  /// The first comment line, without its dashes.
  public let summary: String
  /// The usage line after `Usage:`, such as `backup-then-remove REGEX FILE`, if the summary has one.
  public let usage: String?
  /// How many arguments the usage line requires (its words in capitals, not in brackets).
  public let requiredArguments: Int
  /// What the header asks for, in the order declared.
  public let permissions: [Permission]
  /// Header words after `@allow` that name no permission.
  public let unknownPermissions: [String]

  /// The header of `source`.
  public init(source: String) {
    var summary = ""
    var permissions: [Permission] = []
    var unknown: [String] = []
    for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
      let t = line.drop(while: { $0 == " " || $0 == "\t" })
      if t.hasPrefix("#!") { continue }
      guard t.hasPrefix("--") else {
        if t.isEmpty { continue }
        break
      }
      let text = String(t.drop(while: { $0 == "-" }).drop(while: { $0 == " " }))
      if text.hasPrefix("@") {
        let words = text.split(separator: " ").map(String.init)
        switch words.first {
        case "@trust": permissions.append(.trust)
        case "@allow":
          for word in words.dropFirst() {
            if let p = Permission(rawValue: word) { permissions.append(p) } else { unknown.append(word) }
          }
        default: break
        }
      } else if summary.isEmpty {
        summary = text
      }
    }
    self.summary = summary
    self.permissions = permissions
    self.unknownPermissions = unknown
    if let range = summary.firstRange(of: "Usage: ") {
      var line = String(summary[range.upperBound...])
      if let paren = line.firstIndex(of: "(") { line = String(line[..<paren]) }
      while line.hasSuffix(" ") { line.removeLast() }
      usage = line
      requiredArguments =
        line.split(separator: " ").dropFirst().filter { word in
          !word.hasPrefix("[") && word.allSatisfy { $0.isUppercase || $0 == "-" || $0 == "_" }
        }.count
    } else {
      usage = nil
      requiredArguments = 0
    }
  }
}
