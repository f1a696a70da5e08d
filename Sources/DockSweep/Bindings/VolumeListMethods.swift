import DockerEngine
import LuaBridge

/// The methods only volume lists have.
enum VolumeListMethods {
  static let owner = Binding.Owner.methods(of: VolumeList.className)

  static let bindings: [Binding] = [
    Binding(
      owner, "unused", returns: "VolumeList", summary: "keep volumes no container (running or stopped) uses",
      example: "docker.volumes():unused():remove()"
    ) { a in try a.filtered(VolumeList.self) { $0.refCount == 0 } },
    Binding(
      owner, "larger_than", ["size: string|number"], returns: "VolumeList", summary: "keep volumes larger than a size",
      example: #"docker.volumes():larger_than("100MB")"#
    ) { a in
      let bytes = try a.size(1)
      return try a.filtered(VolumeList.self) { $0.size > bytes }
    },
    Binding(
      owner, "total_size", returns: "integer", summary: "the sum of the volumes' measured sizes",
      example: "units.size(docker.volumes():unused():total_size())"
    ) { a in [.integer(try a.receiver(VolumeList.self).items.measuredBytes)] },
    Binding(
      owner, "remove", options: [.bool("force")], returns: "Report",
      summary: "remove the volumes, like `docker volume rm`; asks [y/N] for more than one",
      example: "docker.volumes{dangling = true}:remove()"
    ) { a in
      let items = try a.receiver(VolumeList.self).items
      let force = try a.options().bool("force")
      return [a.docker.hand(try VolumeRemoval(session: a.session, force: force).run(items))]
    },
  ]
}
