extension DockerClient {
  /// Lists volumes (`GET /volumes`), with their sizes and reference counts from `GET /system/df` (where
  /// the engine measures them). Filters: `dangling`, `label`, `name`, `driver`.
  public func volumes(filters: Filters = Filters()) async throws -> [VolumeSummary] {
    var request = EngineRequest(.GET, "/volumes")
    request.query(filters: filters)
    let listed = try await sendDecoding(VolumeList.self, request).Volumes ?? []
    let measured = Dictionary(
      (try await diskUsage()).volumes.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    return listed.map { volume in
      var v = volume
      if let m = measured[v.name] {
        v.size = m.size
        v.refCount = m.refCount
      }
      return v
    }
  }

  /// Removes a volume (`DELETE /volumes/{name}`); `force` removes it even when the engine would refuse.
  public func removeVolume(_ name: String, force: Bool = false) async throws {
    var request = EngineRequest(.DELETE, "/volumes/\(name)")
    request.query("force", flag: force)
    _ = try await sendCollecting(request)
  }

  private struct VolumeList: Decodable {
    var Volumes: [VolumeSummary]?
  }
}
