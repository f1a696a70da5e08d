import FoundationEssentials
import NIOCore

extension DockerClient {
  /// Checks that the engine answers (`GET /_ping`, unversioned) and returns what it says about itself.
  public func ping() async throws -> EnginePing {
    try await Self.ping(
      transport, deadline: Self.deadline(requestTimeout), idle: idleTimeout.map(EngineTransport.timeAmount))
  }

  /// The engine's release and platform (`GET /version`).
  public func version() async throws -> EngineVersion {
    try await sendDecoding(EngineVersion.self, EngineRequest(.GET, "/version"))
  }

  /// System-wide information (`GET /info`).
  public func info() async throws -> EngineInfo {
    try await sendDecoding(EngineInfo.self, EngineRequest(.GET, "/info"))
  }

  /// Disk usage of images, containers, volumes and build cache (`GET /system/df`), as `docker system df`
  /// computes it. On API 1.52+ the engine's own totals are asked for and kept as well.
  ///
  /// Engines before 23.0 refuse a second disk-usage request while one runs ("a disk usage operation is
  /// already running", status 500 on 20.10); the request is read-only, so it is sent again, up to 150 times
  /// with pauses growing to half a second (about a minute; counted in attempts, not by the clock, so that a
  /// loaded machine that wakes the task late does not give up early).
  public func diskUsage() async throws -> SystemDiskUsage {
    var request = EngineRequest(.GET, "/system/df")
    if try await negotiatedVersion() >= APIVersion(major: 1, minor: 52) {
      request.query("verbose", "1")
    }
    request.isLongRunning = true
    var usage: SystemDiskUsage
    var pause = Duration.milliseconds(50)
    var attempts = 0
    while true {
      do {
        usage = try await sendDecoding(SystemDiskUsage.self, request)
        break
      } catch let error as DockerError
        where error.message.contains("disk usage operation is already running") && attempts < 150
      {
        attempts += 1
        try await Task.sleep(for: pause)
        pause = min(pause * 2, .milliseconds(500))
      }
    }
    // The engine omits zero sizes.
    for index in usage.containers.indices {
      usage.containers[index].sizeRw = usage.containers[index].sizeRw ?? 0
      usage.containers[index].sizeRootFs = usage.containers[index].sizeRootFs ?? 0
    }
    return usage
  }

  /// The engine's events (`GET /events`) as they happen, until `until` if given, else until cancelled.
  ///
  /// Ending the iteration (or cancelling the task iterating) closes the request. Events the engine cannot
  /// reach us with, or that do not decode, end the stream with a `DockerError`.
  ///
  /// - Parameters:
  ///   - filters: `type`, `event`, `image`, `container`, `label`, ...
  ///   - since: Replay events from this time on, in any form the engine takes (unix seconds, RFC 3339, `10m`).
  ///   - until: Stop at this time, same forms.
  public func events(filters: Filters = Filters(), since: String? = nil, until: String? = nil)
    -> AsyncThrowingStream<EngineEvent, any Error>
  {
    var request = EngineRequest(.GET, "/events")
    if let since { request.query("since", since) }
    if let until { request.query("until", until) }
    request.query(filters: filters)
    request.isLongRunning = true
    return AsyncThrowingStream { [request] continuation in
      let task = Task(executorPreference: self.taskExecutor) {
        do {
          let response = try await self.send(request)
          for try await line in JSONLineSequence(response.body) {
            continuation.yield(try Self.decode(EngineEvent.self, from: line, request: request))
          }
          continuation.finish()
        } catch {
          let translated =
            error is DockerError ? error : self.transport.translate(error, request: request, phase: .body)
          if translated is CancellationError {
            continuation.finish()
          } else {
            continuation.finish(throwing: translated)
          }
        }
      }
      continuation.onTermination = { _ in task.cancel() }
    }
  }
}
