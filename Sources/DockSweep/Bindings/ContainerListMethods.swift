import DockerEngine
import FoundationEssentials
import LinearRegex
import LuaBridge

/// The methods only container lists have.
enum ContainerListMethods {
  static let owner = Binding.Owner.methods(of: ContainerList.className)

  static let bindings: [Binding] = [
    Binding(
      owner, "running", returns: "ContainerList", summary: "keep running containers",
      example: "docker.containers():running()"
    ) { a in try a.filtered(ContainerList.self) { $0.isRunning } },
    Binding(
      owner, "stopped", returns: "ContainerList", summary: "keep containers that are not running",
      example: "docker.containers():stopped():remove()"
    ) { a in try a.filtered(ContainerList.self) { !$0.isRunning } },
    Binding(
      owner, "using", ["image: string"], returns: "ContainerList",
      summary: "keep containers using an image (reference, ID or regex)",
      example: #"docker.containers():using("postgres:13-beta2-alpine"):stop()"#
    ) { a in
      let what = try a.string(1)
      let ids = try a.docker.imageIDs(matching: what)
      let regex = (try? RegularExpression(what)).map {
        StoppableRegex(regex: $0, limit: a.session.limitReached)
      }
      return try a.filtered(ContainerList.self) { c in
        if ids.contains(c.imageID) || c.image == what || c.imageID == what || c.imageID == "sha256:" + what
          || (what.count >= 4 && c.imageID.hasPrefix("sha256:" + what))
        {
          return true
        }
        guard ids.isEmpty, let regex else { return false }
        return try regex.matches(c.image)
      }
    },
    Binding(owner, "names", returns: "string[]", summary: "the container names", example: "docker.containers():names()")
    {
      a in [.table(LuaTable(array: try a.receiver(ContainerList.self).items.map { .string($0.name) }))]
    },
    Binding(
      owner, "remove", options: ContainerOperation.removeOptions + [.bool("stop")], returns: "Report",
      summary: "remove the containers (stop = true stops running ones gracefully first); asks [y/N] for more than one",
      example: "docker.containers():stopped():remove()"
    ) { a in
      let items = try a.receiver(ContainerList.self).items
      return [a.docker.hand(try ContainerOperation(removing: a).run(items))]
    },
    Binding(
      owner, "stop", options: ContainerOperation.stopOptions, returns: "Report", summary: "stop the containers",
      example: "docker.containers():running():stop{timeout = 5}"
    ) { a in
      let items = try a.receiver(ContainerList.self).items
      return [a.docker.hand(try ContainerOperation(stopping: a).run(items))]
    },
  ]
}

extension ContainerOperation {
  /// The options of removing one container; lists add `stop`.
  static let removeOptions: [Binding.Option] = [.bool("force"), .bool("volumes")]
  static let stopOptions: [Binding.Option] = [.integer("timeout")]

  /// A removal with the options of the call `a` (`stop` where it declares it).
  init(removing a: Arguments) throws {
    let o = try a.options()
    let stopFirst = a.binding.options.contains { $0.key == "stop" } ? try o.bool("stop") : false
    self.init(
      session: a.session,
      action: .remove(force: try o.bool("force"), volumes: try o.bool("volumes"), stopFirst: stopFirst))
  }

  /// A stop with the options of the call `a`.
  init(stopping a: Arguments) throws {
    let timeout = try a.options().integer("timeout").map { Int($0) }
    self.init(session: a.session, action: .stop(timeout: timeout))
  }
}
