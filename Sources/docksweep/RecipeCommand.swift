import ArgumentParser
import DockSweep
import DockerEngine
import DockerFormats
import FoundationEssentials

/// `docksweep recipe [NAME ARGS...]`: list or run the recipes, a person's own and the bundled ones.
struct RecipeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "recipe",
    abstract: "List the recipes, or run one with arguments.",
    discussion: """
      Recipes come from the directories of DOCKSWEEP_RECIPE_PATH, then
      $XDG_CONFIG_HOME/docksweep/recipes/, then docksweep's own; a recipe of the
      same name found earlier wins. A recipe's header may ask for more than the
      sandbox allows (`--- @allow write`, `--- @trust`): at a terminal docksweep
      asks first; without one, the matching option (--allow-write DIR, --trust)
      must be given.

      EXAMPLES
        docksweep recipe                     list the recipes with what they do
        docksweep recipe disk-usage
        docksweep recipe prune-older-than 168h --yes
        docksweep recipe --dry-run remove-by-name '^postgres:13-beta'
        docksweep recipe --show keep-latest  print its source to copy and adapt
      """)

  @OptionGroup var global: GlobalOptions

  @Flag(name: .long, help: "Print the recipe's source instead of running it.")
  var show = false

  @Argument(parsing: .allUnrecognized, help: ArgumentHelp("The recipe and its arguments.", valueName: "NAME ARGS"))
  var words: [String] = []

  func run() throws {
    let environment = ProcessEnvironment.current()
    guard let name = words.first else {
      let recipes = RecipeLibrary.all(environment: environment)
      let width = recipes.map(\.name.count).max() ?? 0
      for r in recipes {
        let asks = r.header.permissions.map { "[\($0.rawValue)] " }.joined()
        let origin = r.isBundled ? "" : "  (\(r.origin))"
        print(r.name.padded(to: width + 2) + asks + r.summary + origin)
      }
      return
    }
    guard let recipe = RecipeLibrary.named(name, environment: environment) else {
      let names = RecipeLibrary.all(environment: environment).map(\.name)
      throw ValidationError(
        "no recipe named '\(name)'; `docksweep recipe` lists them: \(names.joined(separator: ", "))")
    }
    if show {
      print(recipe.source, terminator: "")
      return
    }
    let arguments = Array(words.dropFirst())
    let header = recipe.header
    if let usage = header.usage, arguments.count < header.requiredArguments {
      throw SessionError(.usage, "usage: \(usage)")
    }
    var options = try global.settings.sessionOptions()
    try RecipePermissions.grant(header, recipe: recipe, to: &options)
    let source = ScriptSource(text: recipe.source, chunkName: "=" + recipe.name + ".lua")
    if global.settings.isFleet {
      try FleetCommand.run(
        [(source, arguments)], scriptName: "recipe:" + recipe.name, settings: global.settings, options: options)
      return
    }
    let session = try Session(options: options)
    let trap = InterruptTrap(session.interruptHandle)
    defer { trap.restore() }
    session.setArguments(script: "recipe:" + recipe.name, arguments: arguments)
    try session.run(ScriptSource(text: recipe.source, chunkName: "=" + recipe.name + ".lua"), arguments: arguments)
  }
}
