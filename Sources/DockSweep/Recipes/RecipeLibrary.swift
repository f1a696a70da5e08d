import DockerEngine
import FoundationEssentials

/// The recipes `docksweep recipe` knows: a person's own (`DOCKSWEEP_RECIPE_PATH`, then
/// `$XDG_CONFIG_HOME/docksweep/recipes/`) before the bundled ones, so that a recipe of the same name
/// there wins.
public enum RecipeLibrary {
  /// A recipe: its name, source, where it came from and what its header declares.
  public struct Recipe: Sendable {
    /// The file name without `.lua`.
    public let name: String
    /// The Lua source.
    public let source: String
    /// `bundled`, or the file's path.
    public let origin: String

    /// Whether it is one of docksweep's own.
    public var isBundled: Bool { origin == "bundled" }

    /// What its header declares: summary, arguments, permissions.
    public var header: RecipeHeader { RecipeHeader(source: source) }

    /// The first comment line, which says what the recipe does.
    public var summary: String { header.summary }
  }

  /// The directories searched before the bundled recipes, in order.
  public static func directories(environment: [String: String]) -> [String] {
    var out = (environment["DOCKSWEEP_RECIPE_PATH"] ?? "").split(separator: ":").map(String.init)
    let config =
      environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
      ?? (HomeDirectory.path(environment: environment) + "/.config")
    out.append(config + "/docksweep/recipes")
    return out
  }

  /// Every recipe, by name; where two share a name, the first found (the person's own) wins.
  public static func all(environment: [String: String] = ProcessEnvironment.current()) -> [Recipe] {
    var byName: [String: Recipe] = [:]
    var order: [String] = []
    func add(_ recipe: Recipe) {
      guard byName[recipe.name] == nil else { return }
      byName[recipe.name] = recipe
      order.append(recipe.name)
    }
    for directory in directories(environment: environment) {
      let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
      for file in files.sorted() where file.hasSuffix(".lua") {
        let path = directory + "/" + file
        guard let source = FileContents.text(atPath: path) else { continue }
        add(Recipe(name: String(file.dropLast(4)), source: source, origin: path))
      }
    }
    for bundled in BundledRecipes.sources { add(Recipe(name: bundled.name, source: bundled.source, origin: "bundled")) }
    return order.sorted().compactMap { byName[$0] }
  }

  /// The recipe called `name` (with or without `.lua`).
  public static func named(_ name: String, environment: [String: String] = ProcessEnvironment.current())
    -> Recipe?
  {
    let bare = name.hasSuffix(".lua") ? String(name.dropLast(4)) : name
    return all(environment: environment).first { $0.name == bare }
  }
}
