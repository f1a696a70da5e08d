import ArgumentParser
import DockSweep

/// `docksweep types`: prints the LuaLS definitions of the API.
struct Types: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Print LuaLS definitions of the docker and units API, for editor completion.",
    discussion: """
      EXAMPLE
        docksweep types > docksweep.d.lua
      then add the file's folder to "workspace.library" in .luarc.json.
      """)

  func run() throws {
    print(TypeDefinitions.text(), terminator: "")
  }
}
