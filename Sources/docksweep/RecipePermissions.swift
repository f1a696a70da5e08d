import DockSweep
import DockerFormats
import FoundationEssentials

/// Gives a recipe exactly the permissions its header asks for: those the command line already gave,
/// else those the person allows at a terminal; without a terminal, a missing one is a usage error
/// naming the option that gives it.
enum RecipePermissions {
  static func grant(_ header: RecipeHeader, recipe: RecipeLibrary.Recipe, to options: inout SessionOptions) throws {
    if let word = header.unknownPermissions.first {
      throw SessionError(
        .usage,
        "recipe \(recipe.name) asks for '@allow \(word)', which docksweep does not know; "
          + "known: \(RecipeHeader.Permission.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    let from = recipe.isBundled ? "" : " (\(recipe.origin))"
    for permission in header.permissions {
      switch permission {
      case .trust where options.trusted: continue
      case .write where options.trusted || !options.writableDirectories.isEmpty: continue
      default: break
      }
      let directory = FileManager.default.currentDirectoryPath
      let scope = permission == .write ? " below \(directory)" : ""
      guard options.interactive else {
        let option = permission == .trust ? "--trust" : "--allow-write DIR"
        throw SessionError(
          .usage,
          "recipe \(recipe.name)\(from) asks to \(permission.meaning); no terminal to ask: run with \(option) to allow it"
        )
      }
      SessionIO.standard.writeError("recipe \(recipe.name)\(from) asks to \(permission.meaning)\(scope).\n")
      let answer = SessionIO.standard.ask("Allow it for this run? [y/N] ")
      guard answer?.trimmingWhitespace().lowercased() == "y" else {
        throw SessionError(.runtime, "cancelled: the recipe was not run")
      }
      switch permission {
      case .trust: options.trusted = true
      case .write: options.writableDirectories.append(directory)
      }
    }
  }
}
