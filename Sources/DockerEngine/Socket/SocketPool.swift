import NIOCore

/// Keep-alive HTTP/1.1 connections to one unix socket, for requests whose body is in memory and whose whole
/// answer is wanted. Each exchange blocks a thread of its own (`DetachedThread`), so any number may run at
/// once; callers bound the concurrency. Cancelling the waiting task aborts the exchange.
final class SocketPool: Sendable {
  let path: String
  private let maxIdle: Int
  private let connectTimeout: Duration
  private let idle = Locked<[SocketConnection]>([])
  private let isShutDown = Locked(false)

  init(path: String, maxIdle: Int, connectTimeout: Duration) {
    self.path = path
    self.maxIdle = max(1, maxIdle)
    self.connectTimeout = connectTimeout
  }

  /// Sends `request` (complete HTTP/1.1 bytes) and reads the answer. A GET or HEAD whose reused connection
  /// turns out closed by the engine is sent once more on a new connection.
  func exchange(_ request: [UInt8], method: EngineRequest.Method, deadline: NIODeadline, limit: Int)
    async throws(SocketFailure) -> WireResponse
  {
    do {
      return try await attempt(request, method: method, deadline: deadline, limit: limit)
    } catch .closedBeforeAnswer where method == .GET || method == .HEAD {
      return try await attempt(request, method: method, deadline: deadline, limit: limit)
    }
  }

  private func attempt(_ request: [UInt8], method: EngineRequest.Method, deadline: NIODeadline, limit: Int)
    async throws(SocketFailure) -> WireResponse
  {
    guard !isShutDown.withLock({ $0 }) else { throw .aborted }
    let connection = checkOut()
    let result = await withTaskCancellationHandler {
      await DetachedThread.run { [path, connectTimeout] () -> Result<WireResponse, SocketFailure> in
        do throws(SocketFailure) {
          if !connection.reused { try connection.connect(path: path, timeout: connectTimeout) }
          return .success(
            try connection.exchange(request, bodyless: method == .HEAD, deadline: deadline, limit: limit))
        } catch {
          return .failure(error)
        }
      }
    } onCancel: {
      connection.abort()
    }
    checkIn(connection)
    return try result.get()
  }

  /// An idle connection that still looks open, else a new unconnected one.
  private func checkOut() -> SocketConnection {
    while let connection = idle.withLock({ $0.popLast() }) {
      if !connection.isStale { return connection }
      connection.close()
    }
    return SocketConnection()
  }

  private func checkIn(_ connection: SocketConnection) {
    let kept =
      connection.reusable
      && idle.withLock { connections in
        guard !isShutDown.withLock({ $0 }), connections.count < maxIdle else { return false }
        connections.append(connection)
        return true
      }
    if !kept { connection.close() }
  }

  /// Closes the idle connections; exchanges still running finish, and their connections are closed.
  func shutdown() {
    isShutDown.withLock { $0 = true }
    for connection in idle.withLock({ $0 }) { connection.close() }
    idle.withLock { $0.removeAll() }
  }
}
