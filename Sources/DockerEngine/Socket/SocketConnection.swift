import FoundationEssentials
import Glibc
import NIOConcurrencyHelpers
import NIOCore

/// One blocking HTTP/1.1 connection to a unix socket, used by one thread at a time (its owner, which alone
/// connects, exchanges and closes it). Any other thread may `abort()` it at any moment: a blocked read or write
/// then fails with `SocketFailure.aborted`, and so does every later call (a connect in progress ends first,
/// within its timeout).
final class SocketConnection: @unchecked Sendable {
  /// The socket, or -1 before `connect` and after `close`. Written only by the owner, under `lock`, which
  /// `abort` also takes, so that an abort never shuts down a descriptor number already reused elsewhere.
  private var fd: Int32 = -1
  private var aborted = false
  private let lock = NIOLock()
  private var reader: WireReader?
  /// The deadline of the exchange in progress.
  private var currentDeadline = NIODeadline.distantFuture
  /// Where each `recv` lands before it joins the reader's buffer; kept, not made anew for every read.
  private var readBuffer = [UInt8](repeating: 0, count: 64 << 10)
  /// Whether the connection has carried an answer before (a reused keep-alive connection).
  private(set) var reused = false
  /// Whether the last answer left the connection fit for another request.
  private(set) var reusable = false

  /// Connects to the socket at `path`. A connect blocked on a full backlog gives up after `timeout` or at
  /// `deadline`, whichever comes first.
  func connect(path: String, timeout: Duration, deadline: NIODeadline) throws(SocketFailure) {
    if isAborted { throw .aborted }
    let socket = Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    guard socket >= 0 else { throw .connect(errno: errno) }
    guard let address = UnixSocketAddress(path) else {
      Glibc.close(socket)
      throw .connect(errno: ENAMETOOLONG)
    }
    var wait = timeout
    if deadline != .distantFuture {
      let left = deadline - .now()
      guard left.nanoseconds > 0 else {
        Glibc.close(socket)
        throw .timedOut
      }
      wait = min(wait, .nanoseconds(left.nanoseconds))
    }
    var limit = timeval(atLeastOneMicrosecond: wait)
    setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    let result = address.withSockaddr { Glibc.connect(socket, $0, $1) }
    if result != 0 {
      let code = errno
      Glibc.close(socket)
      // A signal (Ctrl-C reaching this thread) interrupts a connect with a timeout: try again, or stop if it
      // was an abort.
      if code == EINTR { return try connect(path: path, timeout: timeout, deadline: deadline) }
      throw code == EAGAIN || code == EINPROGRESS ? .connectTimedOut : .connect(errno: code)
    }
    var none = timeval()
    setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &none, socklen_t(MemoryLayout<timeval>.size))
    let wasAborted = lock.withLock {
      fd = socket
      return aborted
    }
    if wasAborted { throw .aborted }
  }

  /// Sends `request` and reads the whole answer, waiting at most until `deadline`, and failing with
  /// `stalled` when the exchange makes no progress for `idle` (nothing sent, and under
  /// ``minimumProgress`` bytes received, in that time).
  func exchange(
    _ request: [UInt8], bodyless: Bool, deadline: NIODeadline, idle: TimeAmount? = nil, limit: Int
  ) throws(SocketFailure) -> WireResponse {
    reusable = false
    currentDeadline = deadline
    idleLimit = idle
    progressed()
    do {
      try write(request, deadline: deadline)
      if reader == nil {
        reader = WireReader { [unowned self] buffer in
          try self.readSome(into: &buffer, deadline: self.currentDeadline)
        }
      }
      let response = try reader!.read(bodyless: bodyless, limit: limit)
      reused = true
      // Bytes beyond the answer would be taken for the next request's answer: such a connection is not kept.
      reusable = response.keepAlive && reader!.isDrained
      return response
    } catch let failure as SocketFailure {
      throw isAborted ? .aborted : failure
    } catch let error as WireError {
      if isAborted { throw .aborted }
      switch error {
      // Only a kept connection can have been closed by the engine as idle; a new one closed unanswered is lost.
      case .closedBeforeAnswer: throw reused ? .closedBeforeAnswer : .lost
      case .truncated: throw .lost
      case .malformed(let reason): throw .malformed(reason)
      case .tooLarge(let limit): throw .tooLarge(limit: limit)
      }
    } catch {
      throw isAborted ? .aborted : .lost
    }
  }

  /// Bytes that count as progress: a trickle of fewer bytes per idle window is a stalled engine.
  static let minimumProgress = 512

  /// The idle limit of the exchange in progress, when it ends, and what arrived since the last progress.
  private var idleLimit: TimeAmount?
  private var idleEnds = NIODeadline.distantFuture
  private var receivedSinceProgress = 0

  /// Restarts the idle clock.
  private func progressed() {
    receivedSinceProgress = 0
    idleEnds = idleLimit.map { .now() + $0 } ?? .distantFuture
  }

  /// Whether the peer closed the idle connection or sent something unasked (either makes it unusable).
  var isStale: Bool {
    var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
    return entry.fd < 0 || poll(&entry, 1, 0) != 0
  }

  /// Makes a blocked or later call fail with `aborted`.
  func abort() {
    lock.withLock {
      aborted = true
      if fd >= 0 { _ = shutdown(fd, Int32(SHUT_RDWR)) }
    }
  }

  private var isAborted: Bool { lock.withLock { aborted } }

  /// Closes the socket; only the owner calls it, never while an exchange runs.
  func close() {
    lock.withLock {
      if fd >= 0 { Glibc.close(fd) }
      fd = -1
    }
  }

  deinit { close() }

  private func write(_ bytes: [UInt8], deadline: NIODeadline) throws(SocketFailure) {
    var sent = 0
    while sent < bytes.count {
      try wait(for: Int16(POLLOUT), deadline: deadline)
      // Non-blocking, so that a body larger than the socket buffer cannot block past the deadline.
      let n = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
      if n < 0 {
        if errno == EINTR || errno == EAGAIN { continue }
        throw reused && sent == 0 ? .notSent : .lost
      }
      sent += n
      progressed()
    }
  }

  private func readSome(into buffer: inout [UInt8], deadline: NIODeadline) throws(SocketFailure) -> Int {
    try wait(for: Int16(POLLIN), deadline: deadline)
    while true {
      let n = readBuffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
      if n < 0 && errno == EINTR { continue }
      if n < 0 && errno == EAGAIN {
        try wait(for: Int16(POLLIN), deadline: deadline)
        continue
      }
      // A peer that closed with our request unread resets the connection: an end of stream like any other,
      // which the reader tells apart (before any of the answer, or inside it).
      if n < 0 && errno == ECONNRESET { return 0 }
      if n < 0 { throw .lost }
      buffer.append(contentsOf: readBuffer[..<n])
      receivedSinceProgress += n
      if receivedSinceProgress >= Self.minimumProgress { progressed() }
      return n
    }
  }

  /// Waits until the socket is ready for `events`; throws `timedOut` at the deadline, or `stalled` when the
  /// idle limit of the exchange passes first.
  private func wait(for events: Int16, deadline: NIODeadline) throws(SocketFailure) {
    while true {
      if isAborted || fd < 0 { throw .aborted }
      let stallsFirst = idleEnds < deadline
      let end = stallsFirst ? idleEnds : deadline
      var timeout: Int32 = -1
      if end != .distantFuture {
        let left = end - .now()
        guard left.nanoseconds > 0 else { throw stallsFirst ? .stalled(idleLimit ?? .zero) : .timedOut }
        timeout = Int32(clamping: (left.nanoseconds + 999_999) / 1_000_000)
      }
      var entry = pollfd(fd: fd, events: events, revents: 0)
      let ready = poll(&entry, 1, timeout)
      if ready > 0 { return }
      if ready == 0 { continue }
      if errno != EINTR { throw .lost }
    }
  }
}

/// How an exchange on a `SocketConnection` failed.
enum SocketFailure: Error, Equatable {
  case connect(errno: Int32)
  case connectTimedOut
  /// A reused connection was found closed before any of the answer arrived; the engine may have read the
  /// request, so only an idempotent one may be sent again.
  case closedBeforeAnswer
  /// A reused connection was found closed before any byte of the request was sent; it may be sent again.
  case notSent
  case lost
  case timedOut
  /// The exchange made no progress for this long (the idle limit).
  case stalled(TimeAmount)
  case aborted
  /// The pool was shut down.
  case shutDown
  case malformed(String)
  case tooLarge(limit: Int)
}

extension timeval {
  /// `duration` as a socket timeout, at least one microsecond (a zero timeval means no timeout at all).
  init(atLeastOneMicrosecond duration: Duration) {
    let (seconds, attoseconds) = duration.components
    let microseconds = Int(attoseconds / 1_000_000_000_000)
    self.init(tv_sec: Int(seconds), tv_usec: seconds <= 0 && microseconds < 1 ? 1 : microseconds)
  }
}
