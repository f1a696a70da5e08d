import DockerEngine
import Foundation
import LuaBridge

extension DockerModule {
  /// The functions of the `docker` table.
  func functions() -> [String: LuaFunction] {
    let session = self.session
    return [
      "images": { [unowned self] call in
        let o = try call.options(1, allowed: ["all", "dangling", "label", "reference"])
        var filters = Filters()
        if let o {
          if case .boolean(let d)? = o.fields["dangling"] { filters.add("dangling", d ? "true" : "false") }
          for l in try o.strings("label", position: 1) { filters.add("label", l) }
          for r in try o.strings("reference", position: 1) { filters.add("reference", r) }
        }
        let all = try o?.bool("all", default: false, position: 1) ?? false
        return [.object(try self.images(all: all, filters: filters))]
      },
      "containers": { [unowned self] call in
        let o = try call.options(1, allowed: ["all", "status", "label"])
        var filters = Filters()
        for s in try o?.strings("status", position: 1) ?? [] { filters.add("status", s) }
        for l in try o?.strings("label", position: 1) ?? [] { filters.add("label", l) }
        let all = try o?.bool("all", default: true, position: 1) ?? true
        let f = filters
        let items = try self.engine { try await $0.containers(all: all || !f.isEmpty, filters: f) }
        return [.object(ContainerList(items.sorted { $0.created > $1.created }))]
      },
      "rmi": { [unowned self] call in
        let ref = try call.string(1)
        let o = try call.options(2, allowed: ["force", "prune"])
        let force = try o?.bool("force", default: false, position: 2) ?? false
        let prune = try o?.bool("prune", default: true, position: 2) ?? true
        let report = Report(noun: "image")
        report.showsReclaimed = false
        if let why = session.safety.protection(of: [ref]) ?? self.protectedTags(of: ref) {
          report.skipped.append((ref, why))
          return [.object(report)]
        }
        if session.options.dryRun {
          report.dryRun = true
          report.planned = [(ref, nil)]
          return [.object(report)]
        }
        let items = try self.engine { try await $0.removeImage(ref, force: force, noprune: !prune) }
        report.record(items)
        return [.object(report)]
      },
      "rm": { [unowned self] call in
        let id = try call.string(1)
        let o = try call.options(2, allowed: ["force", "volumes"])
        let c = try self.container(named: id)
        let action = ContainerOperation.Action.remove(
          force: try o?.bool("force", default: false, position: 2) ?? false,
          volumes: try o?.bool("volumes", default: false, position: 2) ?? false)
        let report = try ContainerOperation(session: session, action: action).run([c])
        if let failure = report.failed.first, report.failed.count == 1 {
          report.handled = true
          throw LuaRuntimeError(failure.error)
        }
        return [.object(report)]
      },
      "stop": { [unowned self] call in
        let id = try call.string(1)
        let o = try call.options(2, allowed: ["timeout"])
        let c = try self.container(named: id)
        let timeout = try o?.integer("timeout", position: 2).map { Int($0) }
        let report = try ContainerOperation(session: session, action: .stop(timeout: timeout)).run([c])
        if let failure = report.failed.first {
          report.handled = true
          throw LuaRuntimeError(failure.error)
        }
        return [.object(report)]
      },
      "prune_images": { [unowned self] call in
        let o = try call.options(1, allowed: ["all", "until", "label"])
        let all = try o?.bool("all", default: false, position: 1) ?? false
        let until = try o?.string("until", position: 1)
        let labels = try o?.strings("label", position: 1) ?? []
        return [.object(try Prune(session: session, module: self).images(all: all, until: until, labels: labels))]
      },
      "prune_containers": { [unowned self] call in
        let o = try call.options(1, allowed: ["until", "label"])
        let until = try o?.string("until", position: 1)
        let labels = try o?.strings("label", position: 1) ?? []
        return [.object(try Prune(session: session, module: self).containers(until: until, labels: labels))]
      },
      "df": { [unowned self] _ in
        [.object(DiskUsage(try self.engine { try await $0.diskUsage() }))]
      },
      "save": { [unowned self] call in
        let path = try call.string(2)
        var refs: [String] = []
        if let list = call.stack.object(at: 1, as: ImageList.self) {
          refs = list.items.flatMap { $0.refs.isEmpty ? [$0.summary.id] : $0.refs }
        } else if let s = call.stack.string(at: 1) {
          refs = [s]
        } else if case .table(let t) = call.value(1) {
          refs = t.array.compactMap(\.stringValue)
        } else {
          throw call.typeError(1, expected: "image list, reference or table of references")
        }
        return [try self.save(refs: refs, path: path, position: 2)]
      },
      "load": { [unowned self] call in
        try self.requireTrust("docker.load")
        let path = try call.string(1)
        let loaded = try self.engine { try await $0.loadImages(from: path) }
        return [.table(LuaTable(array: loaded.map { .string($0) }))]
      },
      "pull": { [unowned self] call in
        try self.requireTrust("docker.pull")
        var ref = try call.string(1)
        if !ref.contains("@"), ImageItem.split(ref).tag == "latest", !ref.hasSuffix(":latest") { ref += ":latest" }
        let r = ref
        try self.engine { try await $0.pullImage(r) }
        return [.string(ref)]
      },
      "run": { [unowned self] call in
        try self.requireTrust("docker.run")
        let o = try call.options(1, allowed: ["image", "cmd", "env", "name", "labels"]) ?? LuaTable()
        guard let image = try o.string("image", position: 1) else {
          throw LuaArgumentError(position: 1, reason: "option 'image' is required")
        }
        let cmd = try o.strings("cmd", position: 1)
        let env = try o.strings("env", position: 1)
        let name = try o.string("name", position: 1)
        var labels: [String: String] = [:]
        if case .table(let t)? = o.fields["labels"] { for (k, v) in t.fields { labels[k] = v.stringValue ?? "" } }
        let l = labels
        let id = try self.engine { client in
          let id = try await client.createContainer(
            image: image, cmd: cmd.isEmpty ? nil : cmd, env: env, name: name, labels: l, networkMode: "none")
          _ = try await client.startContainer(id)
          return id
        }
        return [.string(id)]
      },
      "version": { [unowned self] _ in
        let (v, api) = try self.engine { client in (try await client.version(), try await client.apiVersion()) }
        return [
          .table(
            LuaTable(fields: [
              "version": .string(v.version), "api_version": .string(api), "os": .string(v.os),
              "arch": .string(v.arch), "engine_api_version": .string(v.apiVersion),
            ]))
        ]
      },
      "protect": { call in
        guard call.count > 0 else { throw LuaArgumentError(position: 1, reason: "pattern expected") }
        for i in 1...call.count {
          let p = try call.string(i)
          _ = try LuaCall.compile(p, position: i)
          try session.safety.add(p, origin: "docker.protect")
        }
        return []
      },
    ]
  }

  /// A protect reason when `ref` names an image (by ID) one of whose tags is protected.
  func protectedTags(of ref: String) -> String? {
    guard !session.safety.patterns.isEmpty, let ids = try? imageIDs(matching: ref), !ids.isEmpty else { return nil }
    guard !ref.contains(":") || ref.hasPrefix("sha256:") else { return nil }
    let images = (try? engine { try await $0.images(all: true) }) ?? []
    for image in images where ids.contains(image.id) {
      if let why = session.safety.protection(of: image.repoTags) { return why }
    }
    return nil
  }

  /// The container `id` names (ID, ID prefix or name).
  func container(named id: String) throws -> ContainerSummary {
    let all = try engine { try await $0.containers(all: true) }
    if let c = all.first(where: { $0.id == id || $0.name == id || $0.names.contains("/" + id) }) { return c }
    let prefixed = all.filter { $0.id.hasPrefix(id) }
    if prefixed.count == 1 { return prefixed[0] }
    throw RaisedDockerError(error: DockerError(kind: .notFound, status: 404, message: "No such container: \(id)"))
  }
}
