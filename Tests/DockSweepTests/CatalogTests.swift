import DockerEngine
import LuaBridge
import Testing

@testable import DockSweep

/// The declarations that the bindings, `help()`, `docksweep types` and completion all come from.
@Suite struct CatalogTests {
  /// Declared members of `owner` (`docker`, `ImageList`, ...).
  static func declared(_ owner: String) -> Set<String> {
    Set(Catalog.bindings.filter { $0.owner.name == owner }.map(\.name))
  }

  @Test(arguments: ["ImageList", "ContainerList", "VolumeList", "Image", "Container", "Report", "DiskUsage"])
  func methodsAreTheDeclaredOnes(_ owner: String) throws {
    let (session, _) = try SessionHarness.make()
    let bound = Set(try session.withLua { $0.methodNames(ofType: Binding.metatableName(of: owner)) })
    #expect(!bound.isEmpty, "\(owner) is registered")
    #expect(bound == Self.declared(owner))
  }

  @Test(arguments: ["docker", "units"])
  func moduleFunctionsAreTheDeclaredOnes(_ module: String) throws {
    let (session, _) = try SessionHarness.make()
    let bound = Set(try session.withLua { $0.fieldNames(ofGlobalPath: [module]) })
    #expect(!bound.isEmpty)
    #expect(bound == Self.declared(module))
  }

  @Test func declarationsAreUniqueAndComplete() {
    let names = Catalog.bindings.map(\.fullName)
    #expect(names.count == Set(names).count, "nothing declared twice")
    let classes = Set(Catalog.classes.map(\.name))
    for b in Catalog.bindings {
      #expect(!b.summary.isEmpty, "\(b.fullName)")
      #expect(!b.returns.isEmpty, "\(b.fullName)")
      #expect(b.example.contains(b.name), "\(b.fullName): \(b.example)")
      if case .methods(let owner) = b.owner { #expect(classes.contains(owner), "\(b.fullName)") }
    }
  }

  @Test func typeDefinitionsCoverTheCatalog() {
    let text = TypeDefinitions.text()
    #expect(text.hasPrefix("---@meta"))
    for b in Catalog.bindings {
      #expect(text.contains("function \(b.fullName)("), "\(b.fullName)")
      #expect(text.contains("---Example: `\(b.example)`"), "\(b.fullName)")
    }
    for c in Catalog.classes {
      #expect(text.contains("---@class \(c.name)"), "\(c.name)")
      for f in c.fields { #expect(text.contains("---@field \(f.name) \(f.type)\n"), "\(c.name).\(f.name)") }
    }
    #expect(text.contains("---@param opts? {force?: boolean, prune?: boolean}"))
    #expect(text.contains("function help(name) end"))
  }

  @Test func typeDefinitionsCompileAsLua() throws {
    let (session, _) = try SessionHarness.make()
    // The file only declares: loading it must succeed (running it would replace the modules).
    try session.withLua { try $0.load(Array(TypeDefinitions.text().utf8), name: "=types") }
  }

  @Test func helpListsEveryDeclaration() throws {
    let overview = Help.overview()
    for b in Catalog.bindings { #expect(overview.contains("  " + b.signature), "\(b.fullName)") }
    #expect(Help.detail("match")?.contains("ImageList:match(regex)") == true)
    #expect(Help.detail("no_such_function") == nil)
  }

  @Test func optionTablesAreCheckedAgainstTheDeclaration() throws {
    let (session, output) = try SessionHarness.make { $0.dryRun = true }
    try session.run(
      ScriptSource(
        text: """
          print(select(2, pcall(docker.prune_images, {al = true})))
          print(select(2, pcall(docker.prune_images, {all = "yes"})))
          print(select(2, pcall(docker.prune_images, {true})))
          """))
    let lines = output.text.split(separator: "\n").map(String.init)
    #expect(lines.count == 3)
    #expect(lines[0].contains("unknown option 'al' (did you mean 'all'?); accepted: all, label, until"), "\(lines)")
    #expect(lines[1].contains("option 'all' must be a boolean, got string"), "\(lines)")
    #expect(lines[2].contains("options must be named"), "\(lines)")
  }

  /// Each object serves exactly its declared fields, each of the declared type.
  @Test func objectsServeTheirDeclaredFields() throws {
    let summary = ImageSummary(
      id: "sha256:" + String(repeating: "ab", count: 32), parentID: "", repoTags: ["demo/app:1"], repoDigests: [],
      created: 1_600_000_000, size: 1000, sharedSize: -1, labels: ["a": "b"], containers: 0)
    let image = ImageObject(
      ImageItem(summary: summary, selectedRefs: nil), usage: ContainerUsage { [:] },
      lastUse: LastUseSource { LastUseTable() })
    try Self.check(image, nullable: ["shared_size", "last_used", "last_used_at"])
    var report = Report(.remove(.image))
    report.fail("x", "y")
    try Self.check(ReportObject(report), nullable: ["budget"])
    try Self.check(DockerErrorObject(DockerError(kind: .conflict, status: 409, message: "in use")))
    try Self.check(
      VolumeObject(VolumeSummary(name: "data", createdAt: "2021-03-04T05:06:07Z", size: 10, refCount: 0)))
  }

  static func check<C: LuaClass>(_ object: C, nullable: Set<String> = []) throws {
    for f in C.fields {
      let value = try object.field(f.name)
      if nullable.contains(f.name) {
        #expect(f.type.hasSuffix("?"), "\(C.className).\(f.name) may be nil: its type says so")
        continue
      }
      #expect(matches(value, f.type), "\(C.className).\(f.name): \(value) is not \(f.type)")
    }
    #expect(try object.field("no_such_field").isNil)
  }

  /// Whether `value` is of the LuaLS `type`.
  static func matches(_ value: LuaValue, _ type: String) -> Bool {
    switch value {
    case .integer: return type.hasPrefix("integer")
    case .number: return type.hasPrefix("number")
    case .boolean: return type.hasPrefix("boolean")
    case .bytes: return type.hasPrefix("string")
    case .table: return type.hasSuffix("[]") || type.hasPrefix("table<") || type.hasPrefix("DiskUsageRow")
    default: return false
    }
  }
}

/// The `json` module, sandboxed as recipes run.
@Suite struct JSONModuleTests {
  @Test func encodeAndDecodeRoundTrip() throws {
    let (session, output) = try SessionHarness.make()
    try session.run(
      ScriptSource(
        text: #"""
          local text = json.encode({name = "a\"b\n", list = {1, 2.5, true}, nested = {k = "v"}})
          print(text)
          local back = json.decode(text)
          print(back.name == "a\"b\n", back.list[2], back.nested.k, math.type(back.list[1]))
          print(json.encode({}), json.encode(json.decode("[]")), require("json") == json)
          print(pcall(json.decode, "{bad"))
          print(pcall(json.encode, {f = print}))
          """#))
    let lines = output.text.split(separator: "\n").map(String.init)
    #expect(lines[0] == #"{"list":[1,2.5,true],"name":"a\"b\n","nested":{"k":"v"}}"#, "\(lines)")
    #expect(lines[1] == "true\t2.5\tv\tinteger")
    #expect(lines[2] == "[]\t[]\ttrue")
    #expect(lines[3].hasPrefix("false\tbad argument #1 to 'decode' (invalid JSON at byte 1"), "\(lines[3])")
    #expect(lines[4].contains("cannot encode a function to JSON"), "\(lines[4])")
  }
}
