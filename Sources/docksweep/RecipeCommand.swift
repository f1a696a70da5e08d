import ArgumentParser
import DockSweep
import Foundation

/// `docksweep recipe [NAME ARGS...]`: list or run the bundled recipes.
struct RecipeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "recipe",
    abstract: "List the bundled recipes, or run one with arguments.",
    discussion: """
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
    guard let name = words.first else {
      let recipes = RecipeLibrary.all
      let width = recipes.map(\.name.count).max() ?? 0
      for r in recipes { print(r.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + r.summary) }
      return
    }
    guard let recipe = RecipeLibrary.named(name) else {
      let names = RecipeLibrary.all.map(\.name)
      throw ValidationError(
        "no recipe named '\(name)'; `docksweep recipe` lists them: \(names.joined(separator: ", "))")
    }
    if show {
      print(recipe.source, terminator: "")
      return
    }
    let arguments = Array(words.dropFirst())
    let session = try Session(options: try global.settings.sessionOptions())
    let trap = InterruptTrap(session.interruptHandle)
    defer { trap.restore() }
    session.setArguments(script: "recipe:" + recipe.name, arguments: arguments)
    try session.run(ScriptSource(text: recipe.source, chunkName: "=" + recipe.name + ".lua"), arguments: arguments)
  }
}
