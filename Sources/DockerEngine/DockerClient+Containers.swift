import FoundationEssentials

extension DockerClient {
  /// The containers, as `docker ps` sees them (`GET /containers/json`).
  ///
  /// - Parameters:
  ///   - all: Also list stopped containers (implied by an `exited` filter, which matches only stopped ones).
  ///   - size: Compute `sizeRw` and `sizeRootFs` (slow on large containers); they are nil otherwise.
  ///   - filters: `status`, `exited`, `label`, `ancestor`, `name`, `id`, `before`, `since`, `network`, ...
  public func containers(all: Bool = false, size: Bool = false, filters: Filters = Filters()) async throws
    -> [ContainerSummary]
  {
    var request = EngineRequest(.GET, "/containers/json")
    request.query("all", flag: all || !filters["exited"].isEmpty)
    request.query("size", flag: size)
    request.query(filters: filters)
    var containers = try await sendDecoding([ContainerSummary].self, request)
    if size {
      // The engine omits zero sizes.
      for index in containers.indices {
        containers[index].sizeRw = containers[index].sizeRw ?? 0
        containers[index].sizeRootFs = containers[index].sizeRootFs ?? 0
      }
    }
    return containers
  }

  /// One container's full description (`GET /containers/{id}/json`); `.notFound` when there is none.
  public func inspectContainer(_ id: String) async throws -> ContainerInspect {
    try await sendDecoding(ContainerInspect.self, EngineRequest(.GET, "/containers/\(id)/json"))
  }

  /// Creates a container (`POST /containers/create`) without starting it.
  ///
  /// - Parameters:
  ///   - image: A reference or ID of a local image.
  ///   - cmd: The command, replacing the image's; nil keeps the image's.
  ///   - env: `NAME=value` entries.
  ///   - name: The container's name; nil lets the engine choose one.
  ///   - labels: The container's labels.
  ///   - networkMode: `HostConfig.NetworkMode`, e.g. `none`; nil for the engine's default.
  ///   - networkDisabled: Disable networking altogether (`NetworkDisabled`).
  /// - Returns: The new container's ID.
  public func createContainer(
    image: String,
    cmd: [String]? = nil,
    env: [String] = [],
    name: String? = nil,
    labels: [String: String] = [:],
    networkMode: String? = nil,
    networkDisabled: Bool = false
  ) async throws -> String {
    struct HostConfigBody: Encodable {
      var NetworkMode: String?
    }
    struct Body: Encodable {
      var Image: String
      var Cmd: [String]?
      var Env: [String]?
      var Labels: [String: String]
      var NetworkDisabled: Bool?
      var HostConfig: HostConfigBody
    }
    struct Created: Decodable {
      var Id: String
    }
    var request = EngineRequest(.POST, "/containers/create")
    if let name { request.query("name", name) }
    let body = Body(
      Image: image, Cmd: cmd, Env: env.isEmpty ? nil : env, Labels: labels,
      NetworkDisabled: networkDisabled ? true : nil, HostConfig: HostConfigBody(NetworkMode: networkMode))
    request.jsonBody(Array(try JSONEncoder().encode(body)))
    return try await sendDecoding(Created.self, request).Id
  }

  /// Starts a container (`POST /containers/{id}/start`).
  ///
  /// - Returns: False when it was already running (status 304), true otherwise.
  @discardableResult
  public func startContainer(_ id: String) async throws -> Bool {
    try await sendCollecting(EngineRequest(.POST, "/containers/\(id)/start")).status != 304
  }

  /// Stops a container (`POST /containers/{id}/stop`): SIGTERM, then SIGKILL after `timeout` seconds.
  ///
  /// - Parameter timeout: Seconds to wait before killing; nil for the container's own setting (10 s by default).
  /// - Returns: False when it was already stopped (status 304, not an error), true otherwise.
  @discardableResult
  public func stopContainer(_ id: String, timeout: Int? = nil) async throws -> Bool {
    var request = EngineRequest(.POST, "/containers/\(id)/stop")
    if let timeout { request.query("t", String(timeout)) }
    request.extraTime = .seconds(max(timeout ?? 10, 0))
    return try await sendCollecting(request).status != 304
  }

  /// Removes a container (`DELETE /containers/{id}`); a running one needs `force`
  /// (else `.conflict` with the engine's message).
  ///
  /// - Parameter volumes: Also remove its anonymous volumes.
  public func removeContainer(_ id: String, force: Bool = false, volumes: Bool = false) async throws {
    var request = EngineRequest(.DELETE, "/containers/\(id)")
    request.query("force", flag: force)
    request.query("v", flag: volumes)
    _ = try await sendCollecting(request)
  }

  /// Removes stopped containers (`POST /containers/prune`); `until` and `label`/`label!` narrow it.
  public func pruneContainers(filters: Filters = Filters()) async throws -> ContainerPruneReport {
    var request = EngineRequest(.POST, "/containers/prune")
    request.query(filters: filters)
    return try await sendDecoding(ContainerPruneReport.self, request)
  }
}
