import NIOCore

/// Keep-alive HTTP/1.1 connections to one unix socket, for requests whose body is in memory and whose whole
/// answer is wanted. Each exchange blocks a thread of its own (`DetachedThread`), so any number may run at
/// once; callers bound the concurrency. Cancelling the waiting task aborts the exchange; shutting the pool
/// down aborts every exchange in flight.
final class SocketPool: Sendable {
  let path: String
  private let maxIdle: Int
  private let connectTimeout: Duration

  private struct State: Sendable {
    var idle: [SocketConnection] = []
    /// Connections checked out; the pool aborts them on shutdown but never closes them (their owners do).
    var busy: [ObjectIdentifier: SocketConnection] = [:]
    var isShutDown = false
  }
  private let state = Locked(State())

  init(path: String, maxIdle: Int, connectTimeout: Duration) {
    self.path = path
    self.maxIdle = max(1, maxIdle)
    self.connectTimeout = connectTimeout
  }

  /// Sends `request` (complete HTTP/1.1 bytes) and reads the answer. When a reused connection turns out
  /// closed by the engine, the request is sent once more (on another kept connection or a new one) if none
  /// of it was sent, or if it is a GET or HEAD (which may safely reach the engine twice).
  func exchange(
    _ request: [UInt8], method: EngineRequest.Method, deadline: NIODeadline, idle: TimeAmount? = nil,
    limit: Int
  ) async throws(SocketFailure) -> WireResponse {
    do {
      return try await attempt(request, method: method, deadline: deadline, idle: idle, limit: limit)
    } catch .notSent {
      return try await attempt(request, method: method, deadline: deadline, idle: idle, limit: limit)
    } catch .closedBeforeAnswer where method == .GET || method == .HEAD {
      return try await attempt(request, method: method, deadline: deadline, idle: idle, limit: limit)
    }
  }

  private func attempt(
    _ request: [UInt8], method: EngineRequest.Method, deadline: NIODeadline, idle: TimeAmount?, limit: Int
  ) async throws(SocketFailure) -> WireResponse {
    guard let connection = checkOut() else { throw .shutDown }
    let result = await withTaskCancellationHandler {
      await DetachedThread.run { [path, connectTimeout] () -> Result<WireResponse, SocketFailure> in
        do throws(SocketFailure) {
          if !connection.reused { try connection.connect(path: path, timeout: connectTimeout, deadline: deadline) }
          return .success(
            try connection.exchange(
              request, bodyless: method == .HEAD, deadline: deadline, idle: idle, limit: limit))
        } catch {
          return .failure(error)
        }
      }
    } onCancel: {
      connection.abort()
    }
    let shutDown = checkIn(connection)
    if shutDown, case .failure(.aborted) = result, !Task.isCancelled { throw .shutDown }
    return try result.get()
  }

  /// An idle connection that still looks open, else a new unconnected one; nil after shutdown.
  private func checkOut() -> SocketConnection? {
    while true {
      let (connection, open) = state.withLock { state -> (SocketConnection?, Bool) in
        guard !state.isShutDown else { return (nil, false) }
        let connection = state.idle.popLast() ?? SocketConnection()
        state.busy[ObjectIdentifier(connection)] = connection
        return (connection, true)
      }
      guard open, let connection else { return nil }
      if !connection.reused || !connection.isStale { return connection }
      state.withLock { _ = $0.busy.removeValue(forKey: ObjectIdentifier(connection)) }
      connection.close()
    }
  }

  /// Returns `connection` to the idle list when it may carry another request, else closes it. Tells whether
  /// the pool was shut down meanwhile.
  private func checkIn(_ connection: SocketConnection) -> Bool {
    let (kept, shutDown) = state.withLock { state -> (Bool, Bool) in
      state.busy.removeValue(forKey: ObjectIdentifier(connection))
      guard connection.reusable, !state.isShutDown, state.idle.count < maxIdle else { return (false, state.isShutDown) }
      state.idle.append(connection)
      return (true, false)
    }
    if !kept { connection.close() }
    return shutDown
  }

  /// Closes the idle connections and aborts the exchanges in flight (whose owners then close theirs).
  func shutdown() {
    let (idle, busy) = state.withLock { state in
      state.isShutDown = true
      defer {
        state.idle.removeAll()
      }
      return (state.idle, Array(state.busy.values))
    }
    for connection in idle { connection.close() }
    for connection in busy { connection.abort() }
  }
}
