import Foundation
import Testing

@testable import DockSweep

/// The recipes compiled into the binary are the files in `recipes/` (scripts/gen-recipes regenerates them).
@Suite struct BundledRecipesTests {
  /// An environment with no recipe directories of a person's own.
  static let noUserRecipes = ["HOME": "/nonexistent", "XDG_CONFIG_HOME": "/nonexistent"]

  /// The package root, from this file's place in `Tests/DockSweepTests`.
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// `recipes/*.lua` by name, as scripts/gen-recipes embeds them: trailing blanks cut from each line, no final newline.
  static func files() throws -> [String: String] {
    let directory = packageRoot.appendingPathComponent("recipes")
    var out: [String: String] = [:]
    for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) where file.hasSuffix(".lua") {
      var text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
      if text.hasSuffix("\n") { text.removeLast() }
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
        String(line.reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
      }
      out[String(file.dropLast(4))] = lines.joined(separator: "\n")
    }
    return out
  }

  @Test func bundledRecipesMatchTheFiles() throws {
    let files = try Self.files()
    #expect(!files.isEmpty)
    let bundled = Dictionary(uniqueKeysWithValues: BundledRecipes.sources.map { ($0.name, $0.source) })
    #expect(
      Set(bundled.keys) == Set(files.keys),
      "recipes/ and BundledRecipes.swift list different recipes: run scripts/gen-recipes")
    for (name, source) in files {
      #expect(bundled[name] == source, "\(name).lua changed: run scripts/gen-recipes")
    }
  }

  @Test func libraryListsThemSortedWithSummaries() throws {
    let recipes = RecipeLibrary.all(environment: Self.noUserRecipes)
    #expect(recipes.map(\.name) == recipes.map(\.name).sorted())
    #expect(recipes.count == BundledRecipes.sources.count)
    for recipe in recipes {
      #expect(!recipe.summary.isEmpty, "\(recipe.name) starts with a comment saying what it does")
      #expect(!recipe.summary.hasPrefix("-"), "\(recipe.name)")
    }
    #expect(RecipeLibrary.named("keep-latest", environment: Self.noUserRecipes)?.name == "keep-latest")
    #expect(RecipeLibrary.named("keep-latest.lua", environment: Self.noUserRecipes)?.name == "keep-latest")
    #expect(RecipeLibrary.named("no-such-recipe", environment: Self.noUserRecipes) == nil)
  }

  @Test func everyRecipeCompiles() throws {
    let (session, _) = try SessionHarness.make()
    for recipe in RecipeLibrary.all(environment: Self.noUserRecipes) {
      #expect(throws: Never.self, "\(recipe.name)") {
        try session.lua.load(Array(recipe.source.utf8), name: "=" + recipe.name)
      }
      session.lua.stack.top = 0
    }
  }
}
