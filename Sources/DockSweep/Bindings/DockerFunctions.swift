import DockerEngine
import FoundationEssentials
import LuaBridge

/// The functions of the `docker` module.
enum DockerFunctions {
  static let bindings: [Binding] = [
    Binding(
      .module("docker"), "images",
      options: [
        .bool("all"), Binding.Option(key: "dangling", kind: .boolean, defaultValue: false, required: false),
        .strings("label"), .strings("reference"),
      ],
      returns: "ImageList", summary: "list images, newest first, like `docker image ls`",
      example: #"print(docker.images{dangling = true})"#
    ) { a in
      let o = try a.options()
      var filters = Filters()
      if o.has("dangling") { filters.add("dangling", try o.bool("dangling") ? "true" : "false") }
      for l in try o.strings("label") { filters.add("label", l) }
      for r in try o.strings("reference") { filters.add("reference", r) }
      return [.object(try a.docker.images(all: try o.bool("all"), filters: filters))]
    },
    Binding(
      .module("docker"), "containers", options: [.bool("all", true), .strings("status"), .strings("label")],
      returns: "ContainerList", summary: "list containers (all by default), like `docker ps -a`",
      example: #"print(docker.containers():stopped())"#
    ) { a in
      let o = try a.options()
      var filters = Filters()
      for s in try o.strings("status") { filters.add("status", s) }
      for l in try o.strings("label") { filters.add("label", l) }
      let all = try o.bool("all") || !filters.isEmpty
      let f = filters
      let items = try a.docker.engine { try await $0.containers(all: all, filters: f) }
      let list = ContainerList(items.sorted { $0.created > $1.created })
      list.module = a.docker
      return [.object(list)]
    },
    Binding(
      .module("docker"), "volumes",
      options: [
        Binding.Option(key: "dangling", kind: .boolean, defaultValue: false, required: false), .strings("label"),
      ],
      returns: "VolumeList",
      summary: "list volumes with their sizes, like `docker volume ls` and `docker system df -v`",
      example: "print(docker.volumes{dangling = true})"
    ) { a in
      let o = try a.options()
      var filters = Filters()
      if o.has("dangling") { filters.add("dangling", try o.bool("dangling") ? "true" : "false") }
      for l in try o.strings("label") { filters.add("label", l) }
      let f = filters
      let items = try a.docker.engine { try await $0.volumes(filters: f) }
      let list = VolumeList(items.sorted { $0.name < $1.name })
      list.module = a.docker
      return [.object(list)]
    },
    Binding(
      .module("docker"), "rmi", ["ref: string"], options: ImageRemoval.options, returns: "Report",
      summary: "remove one image; raises a docker.Error (kind \"conflict\") when a container uses it",
      example: #"docker.rmi("postgres:13-beta2-alpine")"#
    ) { a in
      let ref = try a.string(1)
      let o = try a.options()
      let docker = a.docker
      var report = Report(.remove(.image), dryRun: a.session.options.dryRun)
      if let why = try a.session.safety.protection(of: [ref]) ?? docker.protectedTags(of: ref) {
        report.skip(ref, why)
      } else if !a.session.isConfirmed(ref) {
        report.skip(ref, "not in the confirmed plan")
      } else if report.dryRun {
        a.session.recordPlanned([ref])
        report.plan(ref, size: nil)
      } else {
        let force = try o.bool("force")
        let noprune = !(try o.bool("prune"))
        report.record(try docker.engine { try await $0.removeImage(ref, force: force, noprune: noprune) })
      }
      return [docker.hand(report)]
    },
    Binding(
      .module("docker"), "rm", ["id: string"], options: [.bool("force"), .bool("volumes")], returns: "Report",
      summary: "remove one container by ID, ID prefix or name", example: #"docker.rm("web", {force = true})"#
    ) { a in
      let o = try a.options()
      let c = try a.docker.container(named: try a.string(1))
      let action = ContainerOperation.Action.remove(force: try o.bool("force"), volumes: try o.bool("volumes"))
      return [try a.docker.single(try ContainerOperation(session: a.session, action: action).run([c]))]
    },
    Binding(
      .module("docker"), "stop", ["id: string"], options: [.integer("timeout")], returns: "Report",
      summary: "stop one container", example: #"docker.stop("web", {timeout = 5})"#
    ) { a in
      let o = try a.options()
      let c = try a.docker.container(named: try a.string(1))
      let action = ContainerOperation.Action.stop(timeout: try o.integer("timeout").map { Int($0) })
      return [try a.docker.single(try ContainerOperation(session: a.session, action: action).run([c]))]
    },
    Binding(
      .module("docker"), "prune_images", options: [.bool("all"), .string("until"), .strings("label")],
      returns: "Report", summary: "remove dangling images (all unused with all = true), like `docker image prune`",
      example: #"docker.prune_images{all = true, ["until"] = "168h"}"#
    ) { a in
      let o = try a.options()
      let report = try Prune(session: a.session, module: a.docker).images(
        all: try o.bool("all"), until: try o.string("until"), labels: try o.strings("label"))
      return [a.docker.hand(report)]
    },
    Binding(
      .module("docker"), "prune_containers", options: [.string("until"), .strings("label")], returns: "Report",
      summary: "remove stopped containers, like `docker container prune`", example: "docker.prune_containers()"
    ) { a in
      let o = try a.options()
      let report = try Prune(session: a.session, module: a.docker).containers(
        until: try o.string("until"), labels: try o.strings("label"))
      return [a.docker.hand(report)]
    },
    Binding(
      .module("docker"), "df", returns: "DiskUsage", summary: "disk usage, the table `docker system df` prints",
      example: "print(docker.df())"
    ) { a in
      let usage = DiskUsage(try a.docker.engine { try await $0.diskUsage() })
      a.session.lastDiskUsage = usage
      return [.object(usage)]
    },
    Binding(
      .module("docker"), "save", ["images: ImageList|string|string[]", "path: string"], returns: "integer",
      summary: "save images to a tar (needs --allow-write DIR or --trust)",
      example: #"docker.save(docker.images():match("^myorg/"), "backup.tar")"#
    ) { a in
      let path = try a.string(2)
      var refs: [String] = []
      if let list = a.call.stack.object(at: 1, as: ImageList.self) {
        refs = list.savedReferences
      } else if let s = a.call.stack.string(at: 1) {
        refs = [s]
      } else if case .table(let t) = a.value(1) {
        refs = t.array.compactMap(\.stringValue)
      } else {
        throw a.call.typeError(1, expected: "image list, reference or table of references")
      }
      return [try a.docker.save(refs: refs, path: path, position: 2)]
    },
    Binding(
      .module("docker"), "load", ["path: string"], returns: "string[]",
      summary: "load images from a tar (needs --trust)",
      example: #"docker.load("backup.tar")"#
    ) { a in
      try a.docker.requireTrust("docker.load")
      let path = try a.string(1)
      let loaded = try a.docker.engine { try await $0.loadImages(from: path) }
      return [.table(LuaTable(array: loaded.map { .string($0) }))]
    },
    Binding(
      .module("docker"), "pull", ["ref: string"], returns: "string", summary: "pull an image (needs --trust)",
      example: #"docker.pull("busybox:1.36")"#
    ) { a in
      try a.docker.requireTrust("docker.pull")
      var ref = try a.string(1)
      if !ref.contains("@"), ImageItem.split(ref).tag == "latest", !ref.hasSuffix(":latest") { ref += ":latest" }
      let r = ref
      try a.docker.engine { try await $0.pullImage(r) }
      return [.string(ref)]
    },
    Binding(
      .module("docker"), "run",
      options: [
        .string("image", required: true), .strings("cmd"), .strings("env"), .string("name"), .labels("labels"),
      ],
      optionsRequired: true, returns: "string", summary: "create and start a container without network (needs --trust)",
      example: #"docker.run{image = "demo/app:1.0", cmd = {"sleep", "60"}}"#
    ) { a in
      try a.docker.requireTrust("docker.run")
      let o = try a.options()
      let image = try o.string("image") ?? ""
      let cmd = try o.strings("cmd")
      let env = try o.strings("env")
      let name = try o.string("name")
      let labels = try o.labels("labels")
      let id = try a.docker.engine { client in
        let id = try await client.createContainer(
          image: image, cmd: cmd.isEmpty ? nil : cmd, env: env, name: name, labels: labels, networkMode: "none")
        _ = try await client.startContainer(id)
        return id
      }
      return [.string(id)]
    },
    Binding(
      .module("docker"), "version",
      returns: "{engine: string, version: string, api_version: string, os: string, arch: string}",
      summary: "the engine's version and the negotiated API version", example: "print(docker.version().api_version)"
    ) { a in
      let (v, api) = try a.docker.engine { client in (try await client.version(), try await client.apiVersion()) }
      return [
        .table(
          LuaTable(fields: [
            "engine": .string(v.product), "version": .string(v.version), "api_version": .string(api),
            "os": .string(v.os),
            "arch": .string(v.arch), "engine_api_version": .string(v.apiVersion),
          ]))
      ]
    },
    Binding(
      .module("docker"), "engines", ["names: string[]"], returns: "table[]",
      summary:
        "a docker module per engine (a context name, or an address with --trust), each with .name; lists act on their own engine",
      example: #"for _, d in ipairs(docker.engines{"ci-1", "ci-2"}) do print(d.name, #d.images()) end"#
    ) { a in
      guard case .table(let t) = a.value(1), t.fields.isEmpty, !t.array.isEmpty else {
        throw a.call.typeError(a.position(1), expected: "list of context names or engine addresses")
      }
      var modules: [LuaValue] = []
      for value in t.array {
        guard let name = value.stringValue, !name.isEmpty else {
          throw LuaArgumentError(position: a.position(1), reason: "engine names must be strings, got \(value.typeName)")
        }
        modules.append(try a.docker.engineModule(name, position: a.position(1)))
      }
      return [.table(LuaTable(array: modules))]
    },
    Binding(
      .module("docker"), "protect", ["regex: string", "...: string"], returns: "nil",
      summary: "never remove references matching these patterns, even with force",
      example: #"docker.protect("^myorg/", ":keep$")"#
    ) { a in
      guard a.call.count > 0 else { throw LuaArgumentError(position: 1, reason: "pattern expected") }
      for i in 1...a.call.count {
        let p = try a.call.string(i)
        _ = try LuaCall.compile(p, position: i)
        try a.session.safety.add(p, origin: "docker.protect")
      }
      return []
    },
  ]
}
