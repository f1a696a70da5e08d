import LuaBridge
import Testing

@testable import DockSweep

/// The catalog that `help()` and `docksweep types` come from documents exactly the bound API.
@Suite struct ApiCatalogTests {
  /// Catalog members of `owner` (`docker`, `ImageList`, ...).
  static func documented(_ owner: String) -> Set<String> {
    Set(ApiCatalog.entries.filter { $0.parts.owner == owner }.map(\.parts.member))
  }

  @Test(arguments: ["ImageList", "ContainerList", "Image", "Container", "Report"])
  func methodsMatchTheBindings(_ owner: String) throws {
    let (session, _) = try SessionHarness.make()
    let typeName = try #require(ApiCatalog.ownerTypes[owner])
    let bound = Set(session.lua.methodNames(ofType: typeName))
    #expect(!bound.isEmpty, "\(typeName) is registered")
    #expect(bound.subtracting(Self.documented(owner)).isEmpty, "bound but not documented")
    #expect(Self.documented(owner).subtracting(bound).isEmpty, "documented but not bound")
  }

  @Test(arguments: ["docker", "units"])
  func moduleFunctionsMatchTheBindings(_ module: String) throws {
    let (session, _) = try SessionHarness.make()
    let bound = Set(session.lua.fieldNames(ofGlobalPath: [module]))
    #expect(!bound.isEmpty)
    #expect(bound.subtracting(Self.documented(module)).isEmpty, "bound but not documented")
    #expect(Self.documented(module).subtracting(bound).isEmpty, "documented but not bound")
  }

  @Test func everyOwnerIsKnown() {
    let owners = Set(ApiCatalog.entries.map(\.parts.owner))
    #expect(owners == Set(ApiCatalog.ownerTypes.keys).union(["docker", "units"]))
  }

  @Test func entriesAreUniqueAndComplete() {
    let names = ApiCatalog.entries.map(\.name)
    #expect(names.count == Set(names).count, "no entry twice")
    for entry in ApiCatalog.entries {
      #expect(!entry.summary.isEmpty, "\(entry.name)")
      #expect(!entry.returns.isEmpty, "\(entry.name)")
      #expect(entry.parts.isMethod == entry.name.contains(":"), "\(entry.name)")
    }
  }

  @Test func examplesUseTheEntry() {
    for entry in ApiCatalog.entries {
      let member = entry.parts.member
      #expect(
        entry.example.contains(member) || entry.example.contains(entry.name), "\(entry.name): \(entry.example)")
    }
  }

  @Test func typeDefinitionsCoverTheCatalog() {
    let text = TypeDefinitions.text()
    #expect(text.hasPrefix("---@meta"))
    for entry in ApiCatalog.entries {
      let (owner, member, isMethod) = entry.parts
      #expect(text.contains("function \(owner)\(isMethod ? ":" : ".")\(member)("), "\(entry.name)")
      #expect(text.contains("---Example: `\(entry.example)`"), "\(entry.name)")
    }
    for owner in ApiCatalog.ownerTypes.keys { #expect(text.contains("---@class \(owner)"), "\(owner)") }
    #expect(text.contains("function help(name) end"))
  }

  @Test func typeDefinitionsCompileAsLua() throws {
    let (session, _) = try SessionHarness.make()
    // The file only declares: loading it must succeed (running it would replace the modules).
    try session.lua.load(Array(TypeDefinitions.text().utf8), name: "=types")
  }

  @Test func helpListsEveryEntry() throws {
    let overview = Help.overview()
    for entry in ApiCatalog.entries { #expect(overview.contains("  " + entry.signature), "\(entry.name)") }
    #expect(Help.detail("match")?.contains("ImageList:match(regex)") == true)
    #expect(Help.detail("no_such_function") == nil)
  }
}
