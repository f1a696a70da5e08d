import DockerEngine
import FoundationEssentials
import LuaBridge

/// The `docker` Lua module: lists, removals, prunes, df, save and load, bound to the session's engine
/// connection and safety policy. The functions and methods are declared in ``Catalog``; this holds what
/// they share.
final class DockerModule {
  unowned let session: Session
  /// The engine this module works on: the session's, or one `docker.engines` named.
  let connection: EngineConnection
  /// The engine's name given to `docker.engines` (nil for the session's own module).
  let name: String?

  init(session: Session, connection: EngineConnection? = nil, name: String? = nil) {
    self.session = session
    self.connection = connection ?? session.mainEngine
    self.name = name
  }

  /// Registers the object types and returns the module table.
  func install(in lua: LuaState) -> LuaValue {
    lua.register(ImageList.listType(module: self))
    lua.register(ContainerList.listType(module: self))
    lua.register(VolumeList.listType(module: self))
    lua.register(VolumeObject.objectType(module: self))
    lua.register(BuildCacheList.listType(module: self))
    lua.register(BuildCacheObject.objectType(module: self))
    var image = ImageObject.objectType(module: self)
    image.equals = { ($0 as! ImageObject).item.summary.id == ($1 as! ImageObject).item.summary.id }
    lua.register(image)
    var container = ContainerObject.objectType(module: self)
    container.equals = { ($0 as! ContainerObject).summary.id == ($1 as! ContainerObject).summary.id }
    lua.register(container)
    lua.register(ReportObject.objectType(module: self))
    lua.register(DockerErrorObject.objectType(module: self))
    lua.register(DiskUsage.objectType(module: self))
    return Catalog.moduleTable("docker", module: self)
  }

  /// Runs engine work, turning engine errors into `docker.Error` objects for Lua.
  func engine<T: Sendable>(_ work: @escaping @Sendable (DockerClient) async throws -> T) throws -> T {
    do {
      return try session.using(connection) { try connection.call(work) }
    } catch let e as DockerError {
      throw RaisedDockerError(error: e)
    } catch let e as EndpointError {
      throw LuaRuntimeError("cannot find the Docker engine: \(e)")
    }
  }

  /// `report` as Lua gets it; its failures fail the run unless the script looks at them.
  func hand(_ report: Report) -> LuaValue {
    let object = ReportObject(report)
    session.safety.track(object)
    session.record(object)
    return .object(object)
  }

  /// The report of an operation on one named object: its one failure is raised as an error.
  func single(_ report: Report) throws -> LuaValue {
    if report.failed.count == 1, let failure = report.failed.first { throw LuaRuntimeError(failure.error) }
    return hand(report)
  }

  /// `summaries` newest first, in a stable order. Engines already send them so; the list is then taken
  /// as it is, which spares the sort's runtime type lookups on the first listing of a run.
  static func newestFirst(_ summaries: [ImageSummary]) -> [ImageSummary] {
    var inOrder = true
    var i = 1
    while inOrder, i < summaries.count {
      inOrder = summaries[i - 1].created >= summaries[i].created
      i += 1
    }
    return inOrder ? summaries : summaries.sorted { $0.created > $1.created }
  }

  /// Lists images, newest first.
  func images(all: Bool, filters: Filters) throws -> ImageList {
    let summaries = try engine { try await $0.images(all: all, filters: filters) }
    let usage = ContainerUsage { [unowned self] in
      let containers = try self.engine { try await $0.containers(all: true) }
      return containers.reduce(into: [:]) { $0[$1.imageID, default: 0] += 1 }
    }
    let sorted = Self.newestFirst(summaries)
    let lastUse = LastUseSource { [unowned self] in try self.syncLastUse().table }
    let list = ImageList(
      items: sorted.map { ImageItem(summary: $0, selectedRefs: nil) }, usage: usage, lastUse: lastUse,
      engine: engineName)
    list.module = self
    return list
  }

  /// The engine's name: the fleet's name for it, else its address.
  var engineName: String {
    name ?? session.options.engineName ?? connection.endpoint?.description ?? ""
  }

  /// Syncs the engine's last-use state (events since the last sync, then a re-scan) and saves it; problems
  /// with the state file are warnings.
  func syncLastUse() throws -> LastUseSync.Result {
    let sync = LastUseSync(directory: session.options.stateDirectory)
    let result = try engine { try await sync.sync(client: $0) }
    for warning in result.warnings { session.io.writeError("docksweep: warning: \(warning)\n") }
    return result
  }

  /// The images that `what` names: a reference, an ID or ID prefix (one listing of the engine's images).
  func images(named what: String) throws -> [ImageSummary] {
    try engine { try await $0.images(all: true) }.filter { image in
      let bare = image.id.hasPrefix("sha256:") ? String(image.id.dropFirst(7)) : image.id
      return image.repoTags.contains(what) || image.id == what || (what.count >= 4 && bare.hasPrefix(what))
        || (!what.contains(":") && image.repoTags.contains(what + ":latest"))
    }
  }

  /// The IDs of images that `what` names.
  func imageIDs(matching what: String) throws -> Set<String> {
    Set(try images(named: what).map(\.id))
  }

  /// A protect reason when `ref` names an image (by ID) one of whose tags is protected.
  func protectedTags(of ref: String) throws -> String? {
    guard !session.safety.patterns.isEmpty, !ref.contains(":") || ref.hasPrefix("sha256:") else { return nil }
    for image in (try? images(named: ref)) ?? [] {
      if let why = try session.safety.protection(of: image.repoTags) { return why }
    }
    return nil
  }

  /// The `docker` module table of another engine: `name` is a docker CLI context, or (with `--trust`) an
  /// address such as `ssh://ci@runner-1`. A sandboxed recipe may only name contexts: an address would let a
  /// shared recipe reach machines the person never named.
  func engineModule(_ name: String, position: Int32) throws -> LuaValue {
    let isAddress = name.contains("://")
    if isAddress && !session.options.trusted {
      throw LuaArgumentError(
        position: position,
        reason: "'\(name)' is an address; a sandboxed recipe names docker contexts (or run with --trust)")
    }
    var options = session.options
    options.host = isAddress ? name : nil
    options.context = isAddress ? nil : name
    options.engineName = name
    let connection = EngineConnection(options: options)
    connection.stopReason = session.mainEngine.stopReason
    let module = DockerModule(session: session, connection: connection, name: name)
    session.engineModules.append(module)
    guard case .table(var table) = Catalog.moduleTable("docker", module: module) else { return .nil }
    table.fields["name"] = .string(name)
    return .table(table)
  }

  /// Whether the engine runs on this machine: reached over a unix socket or a loopback address.
  var engineIsLocal: Bool {
    switch connection.endpoint?.transport {
    case .unix: return true
    case .tcp(let host, _): return host == "localhost" || host == "::1" || host.hasPrefix("127.")
    default: return false
    }
  }

  /// Whether the engine is Podman's Docker-compatible service (asked once).
  func isPodman() -> Bool {
    if let known = podman { return known }
    let answer = (try? engine { try await $0.version() })?.product == "Podman"
    podman = answer
    return answer
  }

  private var podman: Bool?

  /// The container `id` names (ID, ID prefix or name).
  func container(named id: String) throws -> ContainerSummary {
    let all = try engine { try await $0.containers(all: true) }
    if let c = all.first(where: { $0.id == id || $0.name == id || $0.names.contains("/" + id) }) { return c }
    let prefixed = all.filter { $0.id.hasPrefix(id) }
    if prefixed.count == 1 { return prefixed[0] }
    throw RaisedDockerError(error: DockerError(kind: .notFound, status: 404, message: "No such container: \(id)"))
  }

  /// Writes images to a tar at `path` (`docker save`); checks the sandbox's write rule.
  func save(refs: [String], path: String, position: Int32) throws -> LuaValue {
    guard !refs.isEmpty else { throw LuaArgumentError(position: 1, reason: "nothing to save: the list is empty") }
    try WritePolicy(options: session.options).check(path, position: position)
    if session.options.dryRun {
      session.io.write("Dry run: would save \(refs.count) image\(refs.count == 1 ? "" : "s") to \(path)\n")
      return .integer(0)
    }
    let bytes = try engine { try await $0.saveImages(refs, to: path) }
    return .integer(bytes)
  }

  /// Refuses an operation that needs `--trust` in a sandboxed session.
  func requireTrust(_ what: String) throws {
    guard session.options.trusted else { throw LuaRuntimeError(Sandbox.refusal(what)) }
  }
}

extension String {
  var trimmingTrailingNewline: String { hasSuffix("\n") ? String(dropLast()) : self }
}
