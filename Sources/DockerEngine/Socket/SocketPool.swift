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
    /// A list, not a dictionary: there are as few as requests in flight, and a dictionary keyed by
    /// `ObjectIdentifier` costs a runtime conformance lookup on the first request of a run.
    var busy: [SocketConnection] = []
    var isShutDown = false

    /// Takes `connection` off the busy list.
    mutating func release(_ connection: SocketConnection) {
      if let i = busy.firstIndex(where: { $0 === connection }) { busy.remove(at: i) }
    }
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
    let outcome = await withTaskCancellationHandler {
      await DetachedThread.run { [path, connectTimeout] () -> Outcome in
        do throws(SocketFailure) {
          if !connection.reused { try connection.connect(path: path, timeout: connectTimeout, deadline: deadline) }
          return .answered(
            try connection.exchange(
              request, bodyless: method == .HEAD, deadline: deadline, idle: idle, limit: limit))
        } catch {
          return .failed(error)
        }
      }
    } onCancel: {
      connection.abort()
    }
    let shutDown = checkIn(connection)
    switch outcome {
    case .answered(let response): return response
    case .failed(.aborted) where shutDown && !Task.isCancelled: throw .shutDown
    case .failed(let failure): throw failure
    }
  }

  /// How one exchange ended. Its own type rather than `Result`, whose `Failure: Error` requirement costs a
  /// runtime conformance lookup on the first request of a run.
  private enum Outcome: Sendable {
    case answered(WireResponse)
    case failed(SocketFailure)
  }

  /// An idle connection that still looks open, else a new unconnected one; nil after shutdown.
  private func checkOut() -> SocketConnection? {
    while true {
      let (connection, open) = state.withLock { state -> (SocketConnection?, Bool) in
        guard !state.isShutDown else { return (nil, false) }
        let connection = state.idle.popLast() ?? SocketConnection()
        state.busy.append(connection)
        return (connection, true)
      }
      guard open, let connection else { return nil }
      if !connection.reused || !connection.isStale { return connection }
      state.withLock { $0.release(connection) }
      connection.close()
    }
  }

  /// Returns `connection` to the idle list when it may carry another request, else closes it. Tells whether
  /// the pool was shut down meanwhile.
  private func checkIn(_ connection: SocketConnection) -> Bool {
    let (kept, shutDown) = state.withLock { state -> (Bool, Bool) in
      state.release(connection)
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
      return (state.idle, state.busy)
    }
    for connection in idle { connection.close() }
    for connection in busy { connection.abort() }
  }
}
