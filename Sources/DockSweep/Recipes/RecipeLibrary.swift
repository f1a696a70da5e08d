/// The recipes bundled with docksweep (`docksweep recipe`), from `recipes/*.lua`.
public enum RecipeLibrary {
  /// A bundled recipe.
  public struct Recipe: Sendable {
    /// The file name without `.lua`.
    public let name: String
    /// The Lua source.
    public let source: String

    /// The first comment line, which says what the recipe does.
    public var summary: String {
      for line in source.split(separator: "\n") {
        let t = line.trimmingCharacters(in: .whitespaces)
        if t.hasPrefix("#!") { continue }
        if t.hasPrefix("--") {
          return t.drop(while: { $0 == "-" }).trimmingCharacters(in: .whitespaces)
        }
        if !t.isEmpty { break }
      }
      return ""
    }
  }

  /// Every bundled recipe, sorted by name.
  public static var all: [Recipe] {
    BundledRecipes.sources.map { Recipe(name: $0.name, source: $0.source) }.sorted { $0.name < $1.name }
  }

  /// The recipe called `name` (with or without `.lua`).
  public static func named(_ name: String) -> Recipe? {
    let bare = name.hasSuffix(".lua") ? String(name.dropLast(4)) : name
    return all.first { $0.name == bare }
  }
}
