extension DockerClient {
  /// Prunes the build cache (`POST /build/prune`) down to `keepStorage` bytes, removing only records
  /// unused for `unusedFor` seconds when given, and only records `ids` when given; `all` includes internal
  /// and frontend records.
  public func pruneBuildCache(keepStorage: Int64?, unusedFor: Double?, all: Bool = false, ids: [String] = [])
    async throws -> BuildCachePruneReport
  {
    let request = Self.buildPruneRequest(
      version: try await negotiatedVersion(), keepStorage: keepStorage, unusedFor: unusedFor, all: all, ids: ids)
    return try await sendDecoding(BuildCachePruneReport.self, request)
  }

  /// The request in the form API `version` takes: `keep-storage` before 1.48, `max-used-space` from it
  /// (where `keep-storage` is deprecated). `until` is a Go duration.
  static func buildPruneRequest(
    version: APIVersion, keepStorage: Int64?, unusedFor: Double?, all: Bool, ids: [String] = []
  ) -> EngineRequest {
    var request = EngineRequest(.POST, "/build/prune")
    if all { request.query("all", "1") }
    if let keepStorage {
      let name = version < APIVersion(major: 1, minor: 48) ? "keep-storage" : "max-used-space"
      request.query(name, String(keepStorage))
    }
    var filters = Filters()
    if let unusedFor { filters.add("until", "\(Int64(unusedFor))s") }
    for id in ids { filters.add("id", id) }
    request.query(filters: filters)
    return request
  }
}
