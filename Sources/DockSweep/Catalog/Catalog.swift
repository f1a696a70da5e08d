import LuaBridge

/// Every function, method and class of the Lua API, from their declarations. The session installs
/// from here; `help()`, the LuaLS definitions and REPL completion read from here.
enum Catalog {
  /// Every binding.
  static let bindings: [Binding] =
    DockerFunctions.bindings + BudgetFunctions.bindings + UnitsFunctions.bindings + JSONFunctions.bindings
    + ListMethods.bindings(ImageList.self, sample: "docker.images()") + ImageListMethods.bindings
    + ListMethods.bindings(ContainerList.self, sample: "docker.containers()") + ContainerListMethods.bindings
    + ListMethods.bindings(VolumeList.self, sample: "docker.volumes()") + VolumeListMethods.bindings
    + ListMethods.bindings(BuildCacheList.self, sample: "docker.build_cache()") + BuildCacheListMethods.bindings
    + ObjectMethods.bindings
    + [
      JSONFunctions.method("ImageList", sample: "docker.images()"),
      JSONFunctions.method("ContainerList", sample: "docker.containers()"),
      JSONFunctions.method("VolumeList", sample: "docker.volumes()"),
      JSONFunctions.method("BuildCacheList", sample: "docker.build_cache()"),
      JSONFunctions.method("Report", sample: "docker.prune_containers()"),
      JSONFunctions.method("DiskUsage", sample: "docker.df()"),
    ]

  /// Every class, in the order the LuaLS definitions list them.
  static let classes: [ClassDocumentation] = [
    ImageObject.documentation, ContainerObject.documentation, ImageList.documentation,
    ContainerList.documentation, VolumeObject.documentation, VolumeList.documentation,
    BuildCacheObject.documentation, BuildCacheList.documentation, ReportObject.documentation,
    DiskUsage.documentation,
    DiskUsage.rowDocumentation, DockerErrorObject.documentation,
  ]

  /// The order of the groups in `help()`: the modules first, then what they return.
  static let groupOrder = [
    "docker", "units", "json", "ImageList", "Image", "ContainerList", "Container", "VolumeList", "Volume",
    "BuildCacheList", "BuildCacheRecord", "Report",
    "DiskUsage",
  ]

  /// The bindings of `owner`.
  static func bindings(of owner: Binding.Owner) -> [Binding] { bindings.filter { $0.owner == owner } }

  /// The methods of `className`, bound to `module`.
  static func methods(of className: String, module: DockerModule?) -> [String: LuaFunction] {
    var out: [String: LuaFunction] = [:]
    for b in bindings(of: .methods(of: className)) { out[b.name] = function(b, module: module) }
    return out
  }

  /// The table of module `name` (`docker`, `units`), its functions bound to `module`.
  static func moduleTable(_ name: String, module: DockerModule?) -> LuaValue {
    var fields: [String: LuaValue] = [:]
    for b in bindings(of: .module(name)) {
      fields[b.name] = .function(LuaSwiftFunction(b.name, function(b, module: module)))
    }
    return .table(LuaTable(fields: fields))
  }

  /// A binding as a Lua function. A method of an object made by a `docker.engines{...}` module runs with that
  /// module, and every binding runs with its module's engine as the session's engine.
  private static func function(_ b: Binding, module: DockerModule?) -> LuaFunction {
    { call in
      var bound = module
      if b.isMethod, let owner = (call.stack.anyObject(at: 1) as? any EngineBound)?.module { bound = owner }
      let arguments = Arguments(call: call, binding: b, module: bound)
      guard let bound else { return try b.body(arguments) }
      return try bound.session.using(bound.connection) { try b.body(arguments) }
    }
  }

  /// Bindings whose name or full name is `member` (`match`, `docker.rmi`).
  static func lookup(_ member: String) -> [Binding] {
    bindings.filter { $0.fullName == member || $0.name == member }
  }

  /// The class a call of `function` on a value of class `owner` (nil: a module path such as
  /// `docker.images`) returns, when it is a class.
  static func returnedClass(of function: String, on owner: String?) -> String? {
    let found: Binding?
    if let owner {
      found = bindings.first { $0.owner == .methods(of: owner) && $0.name == function }
    } else {
      found = bindings.first { !$0.isMethod && $0.fullName == function }
    }
    guard let returns = found?.returns, classes.contains(where: { $0.name == returns }) else { return nil }
    return returns
  }
}
