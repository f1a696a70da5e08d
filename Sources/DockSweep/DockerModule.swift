import DockerEngine
import Foundation
import LuaBridge

/// The `docker` Lua module: lists, removals, prunes, df, save and load,
/// bound to the session's engine connection and safety policy.
final class DockerModule {
  unowned let session: Session

  init(session: Session) {
    self.session = session
  }

  /// Registers the object types and returns the module table.
  func install(in lua: LuaState) -> LuaValue {
    lua.register(imageListType())
    lua.register(containerListType())
    lua.register(objectTypes.image)
    lua.register(objectTypes.container)
    lua.register(objectTypes.report)
    lua.register(objectTypes.error)
    lua.register(objectTypes.diskUsage)
    var fields: [String: LuaValue] = [:]
    for (name, body) in functions() { fields[name] = .function(LuaSwiftFunction(name, body)) }
    return .table(LuaTable(fields: fields))
  }

  /// Runs engine work, turning engine errors into `docker.Error` objects for Lua.
  func engine<T: Sendable>(_ work: @escaping @Sendable (DockerClient) async throws -> T) throws -> T {
    do {
      return try session.engine.call(work)
    } catch let e as DockerError {
      throw RaisedDockerError(error: e)
    } catch let e as EndpointError {
      throw LuaRuntimeError("cannot find the Docker engine: \(e)")
    }
  }

  /// Lists images, newest first.
  func images(all: Bool, filters: Filters) throws -> ImageList {
    let summaries = try engine { try await $0.images(all: all, filters: filters) }
    let usage = ContainerUsage { [unowned self] in
      let containers = try self.engine { try await $0.containers(all: true) }
      return containers.reduce(into: [:]) { $0[$1.imageID, default: 0] += 1 }
    }
    let sorted = summaries.sorted { $0.created > $1.created }
    return ImageList(items: sorted.map { ImageItem(summary: $0, selectedRefs: nil) }, usage: usage)
  }

  /// The IDs of images that `what` names: a reference, an ID or ID prefix.
  func imageIDs(matching what: String) throws -> Set<String> {
    let all = try engine { try await $0.images(all: true) }
    var ids = Set<String>()
    for image in all {
      let bare = image.id.hasPrefix("sha256:") ? String(image.id.dropFirst(7)) : image.id
      if image.repoTags.contains(what) || image.id == what || (what.count >= 4 && bare.hasPrefix(what))
        || (!what.contains(":") && image.repoTags.contains(what + ":latest"))
      {
        ids.insert(image.id)
      }
    }
    return ids
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
