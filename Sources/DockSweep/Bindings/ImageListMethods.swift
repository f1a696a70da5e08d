import DockerEngine
import FoundationEssentials
import LuaBridge

/// The methods only image lists have.
enum ImageListMethods {
  static let owner = Binding.Owner.methods(of: ImageList.className)

  static let bindings: [Binding] = [
    Binding(
      owner, "larger_than", ["size: string|number"], returns: "ImageList",
      summary: "keep images larger than a size (\"500MB\", \"1.5GB\", \"2GiB\", bytes)",
      example: #"docker.images():larger_than("500MB")"#
    ) { a in
      let bytes = try a.size(1)
      return try a.filtered(ImageList.self) { $0.summary.size > bytes }
    },
    Binding(
      owner, "smaller_than", ["size: string|number"], returns: "ImageList", summary: "keep images smaller than a size",
      example: #"docker.images():smaller_than("10MB")"#
    ) { a in
      let bytes = try a.size(1)
      return try a.filtered(ImageList.self) { $0.summary.size < bytes }
    },
    Binding(
      owner, "dangling", returns: "ImageList", summary: "keep untagged images",
      example: "docker.images():dangling():remove()"
    ) { a in try a.filtered(ImageList.self) { $0.summary.repoTags.isEmpty } },
    Binding(
      owner, "unused", returns: "ImageList", summary: "keep images no container (running or stopped) uses",
      example: "docker.images():unused()"
    ) { a in
      let usage = try a.receiver(ImageList.self).usage
      return try a.filtered(ImageList.self) { try usage.count(for: $0.summary) == 0 }
    },
    Binding(
      owner, "used", returns: "ImageList", summary: "keep images some container uses", example: "docker.images():used()"
    ) { a in
      let usage = try a.receiver(ImageList.self).usage
      return try a.filtered(ImageList.self) { try usage.count(for: $0.summary) > 0 }
    },
    Binding(
      owner, "unused_for", ["age: string|number"], returns: "ImageList",
      summary: "keep images not used (by a container, a pull, load or tag) for an age (7d, 12h); see last_used",
      example: #"docker.images():unused_for("7d"):remove()"#
    ) { a in
      let cutoff = Int64(try a.age(1).timeIntervalSince1970)
      let list = try a.receiver(ImageList.self).withLastUse()
      // An image with no record appeared after the sync: it was just wanted.
      return [.object(list.with(list.items.filter { ($0.lastUse?.lastUsed ?? Int64.max) < cutoff }))]
    },
    Binding(
      owner, "only", ["refs: string[]"], returns: "ImageList",
      summary: "keep exactly these references (removed by reference, like match); IDs keep whole images",
      example: #"docker.images():only{"postgres:13-beta1", "postgres:13-beta2"}:remove()"#
    ) { a in
      let l = try a.receiver(ImageList.self)
      guard case .table(let t) = a.value(1) else {
        throw a.call.typeError(a.position(1), expected: "table of references")
      }
      let wanted = try t.array.map { v -> String in
        guard let s = v.stringValue else {
          throw LuaArgumentError(position: a.position(1), reason: "references must be strings, got \(v.typeName)")
        }
        return s
      }
      return [.object(l.only(Set(wanted)))]
    },
    Binding(
      owner, "by_repository", returns: "table<string, ImageList>",
      summary: "the list split by repository, each part newest first with that repository's references",
      example: #"for repo, imgs in pairs(docker.images():by_repository()) do print(repo, #imgs) end"#
    ) { a in
      let groups = try a.receiver(ImageList.self).byRepository()
      return [.table(LuaTable(fields: groups.mapValues { .object($0) }))]
    },
    Binding(
      owner, "refs", returns: "string[]", summary: "the repository:tag references",
      example: "for _, r in ipairs(docker.images():refs()) do print(r) end"
    ) { a in
      [.table(LuaTable(array: try a.receiver(ImageList.self).items.flatMap { $0.refs.map { .string($0) } }))]
    },
    Binding(
      owner, "total_size", returns: "integer", summary: "the sum of the images' sizes",
      example: "units.size(docker.images():dangling():total_size())"
    ) { a in [.integer(try a.receiver(ImageList.self).items.reduce(0) { $0 + $1.summary.size })] },
    Binding(
      owner, "remove", options: ImageRemoval.options, returns: "Report",
      summary: "remove the images: matched references, else by ID; asks [y/N] for more than one",
      example: #"docker.images():match("^postgres:13-beta"):remove()"#
    ) { a in
      let items = try a.receiver(ImageList.self).items
      return [a.docker.hand(try ImageRemoval(a).run(items))]
    },
    Binding(
      owner, "save", ["path: string"], returns: "integer", summary: "save the images to a tar",
      example: #"docker.images():match("^myorg/"):save("backup.tar")"#
    ) { a in
      let refs = try a.receiver(ImageList.self).savedReferences
      return [try a.docker.save(refs: refs, path: try a.string(1), position: a.position(1))]
    },
  ]
}

extension ImageRemoval {
  /// The options of every image removal: `force`, and `prune` (remove untagged parents, the default).
  static let options: [Binding.Option] = [.bool("force"), .bool("prune", true)]

  /// A removal with the options of the call `a`.
  init(_ a: Arguments) throws {
    let o = try a.options()
    self.init(session: a.session, force: try o.bool("force"), prune: try o.bool("prune"))
  }
}

extension ImageList {
  /// Exactly the references in `wanted`, selected (an image ID in `wanted` keeps its image whole).
  func only(_ wanted: Set<String>) -> ImageList {
    var out: [ImageItem] = []
    for var item in items {
      if wanted.contains(item.summary.id) {
        item.selectedRefs = nil
      } else {
        let refs = item.refs.filter { wanted.contains($0) }
        if refs.isEmpty { continue }
        item.selectedRefs = refs
      }
      out.append(item)
    }
    return with(out)
  }

  /// The list split by repository; each part holds the images with a reference in it, that
  /// repository's references selected, in the list's order. Dangling images are left out.
  func byRepository() -> [String: ImageList] {
    var groups: [String: [ImageItem]] = [:]
    for item in items {
      var byRepo: [String: [String]] = [:]
      for ref in item.refs { byRepo[ImageItem.split(ref).repository, default: []].append(ref) }
      for (repo, refs) in byRepo {
        var part = item
        part.selectedRefs = refs
        groups[repo, default: []].append(part)
      }
    }
    return groups.mapValues { with($0) }
  }
}
