import AsyncHTTPClient
import DockerFormats
import FoundationEssentials
import NIOCore
import NIOPosix
import NIOSSL

/// The connection side of `DockerClient`: the keep-alive connections to one engine address, request
/// execution, and the translation of every failure into a `DockerError`.
///
/// Over a unix socket (the usual engine, and the ssh bridge) a request with its body in memory goes through
/// a `SocketPool`: plain blocking HTTP/1.1 exchanges, which start in microseconds. Streams (events, save,
/// load, pull) and TCP go through AsyncHTTPClient, whose pool is made on first use.
struct EngineTransport: Sendable {
  /// Where requests go.
  enum Target: Sendable, Equatable {
    /// A unix socket at `path`.
    case unix(path: String)
    /// `http` or `https` to `host:port`.
    case tcp(secure: Bool, host: String, port: Int)
  }

  /// Which part of a request failed, to tell a dropped connection from an unreachable engine.
  enum Phase: Sendable {
    /// Before the answer's head arrived.
    case request
    /// While reading the answer's body.
    case body
  }

  private let client: LazyHTTPClient
  /// The pool for in-memory requests over a unix socket; nil for TCP.
  let sockets: SocketPool?
  let target: Target
  /// The engine's address as the docker CLI prints it: `unix:///var/run/docker.sock`, `tcp://host:2376`.
  let address: String
  /// A process-side helper that must live as long as the transport (an ssh bridge), or nil.
  let bridge: SSHBridge?

  /// A transport to `endpoint`, with at most `maxConnections` pooled connections;
  /// `sshProgram` is the ssh executable for `ssh://` endpoints.
  init(endpoint: EngineEndpoint, maxConnections: Int, connectTimeout: Duration, sshProgram: String = "ssh") throws {
    var tls: TLSConfiguration?
    var bridge: SSHBridge?
    switch endpoint.transport {
    case .unix(let path):
      target = .unix(path: path)
      address = "unix://\(path)"
    case .tcp(let host, let port):
      if let files = endpoint.tls {
        tls = try Self.tlsConfiguration(files)
      }
      target = .tcp(secure: tls != nil, host: host, port: port)
      let shownHost = host.contains(":") ? "[\(host)]" : host
      address = "tcp://\(shownHost):\(port)"
    case .ssh(let user, let host, let port):
      let ssh = try SSHBridge(user: user, host: host, port: port, program: sshProgram)
      bridge = ssh
      target = .unix(path: ssh.socketPath)
      address = ssh.address
    case .fd:
      throw DockerError(
        kind: .unsupported,
        message: "fd:// hosts are only usable by a daemon started by systemd; use unix:// or tcp:// instead")
    }
    self.bridge = bridge

    client = LazyHTTPClient { [tls] in
      Self.configuration(tls: tls, maxConnections: maxConnections, connectTimeout: connectTimeout)
    }
    if case .unix(let path) = target {
      sockets = SocketPool(path: path, maxIdle: maxConnections, connectTimeout: connectTimeout)
    } else {
      sockets = nil
    }
  }

  /// The AsyncHTTPClient pool; `HTTPClientError.alreadyShutdown` after `shutdown()`.
  func http() throws -> HTTPClient { try client.get() }

  /// The AsyncHTTPClient settings: HTTP/1.1 only, no redirects or decompression, and a connection refused at
  /// once rather than retried until the connect timeout.
  static func configuration(tls: TLSConfiguration?, maxConnections: Int, connectTimeout: Duration)
    -> HTTPClient.Configuration
  {
    var config = HTTPClient.Configuration(
      tlsConfiguration: tls,
      redirectConfiguration: .disallow,
      timeout: .init(connect: timeAmount(connectTimeout), read: nil),
      connectionPool: .init(
        idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, maxConnections)),
      proxy: nil,
      ignoreUncleanSSLShutdown: false,
      decompression: .disabled)
    config.connectionPool.retryConnectionEstablishment = false
    config.httpVersion = .http1Only
    return config
  }

  /// Sends `request` and reads its whole answer (at most `limit` bytes of body); an answer with status >= 400
  /// is thrown as a `DockerError` carrying the engine's message.
  /// Over a unix socket, an answer that makes no progress for `idle` fails as stalled.
  func exchange(
    _ request: EngineRequest, version: APIVersion?, deadline: NIODeadline, idle: TimeAmount? = nil,
    limit: Int = 256 << 20
  ) async throws -> EngineAnswer {
    guard let sockets, request.body == nil else {
      if let idle {
        return try await exchangeWatched(request, version: version, deadline: deadline, idle: idle, limit: limit)
      }
      let response = try await execute(request, version: version, deadline: deadline)
      return EngineAnswer(response, body: try await collect(response, request: request, limit: limit))
    }
    let wire: WireResponse
    do {
      wire = try await sockets.exchange(
        request.wireBytes(uri: request.uri(version: version)), method: request.method, deadline: deadline,
        idle: idle, limit: limit)
    } catch {
      throw translate(failure(error, request: request), request: request, phase: .request)
    }
    let answer = EngineAnswer(status: wire.status, headers: wire.headers, body: ByteBuffer(bytes: wire.body))
    if wire.status >= 400 {
      throw Self.engineError(status: wire.status, reason: wire.reason, body: answer.body)
    }
    return answer
  }

  /// ``exchange(_:version:deadline:idle:limit:)`` through AsyncHTTPClient (tcp, TLS) under a watchdog: the
  /// answer fails as stalled when, for `idle`, neither its head arrived nor ``SocketConnection/minimumProgress``
  /// bytes of its body, as over a unix socket.
  private func exchangeWatched(
    _ request: EngineRequest, version: APIVersion?, deadline: NIODeadline, idle: TimeAmount, limit: Int
  ) async throws -> EngineAnswer {
    let progress = Locked((mark: NIODeadline.now(), bytes: 0))
    return try await withThrowingTaskGroup(of: EngineAnswer.self) { group in
      group.addTask {
        let response = try await self.execute(request, version: version, deadline: deadline)
        progress.withLock { $0 = (.now(), 0) }
        let body = try await self.collect(response, request: request, limit: limit) { count in
          progress.withLock { state in
            state.bytes += count
            if state.bytes >= SocketConnection.minimumProgress { state = (.now(), 0) }
          }
        }
        return EngineAnswer(response, body: body)
      }
      group.addTask {
        let step = min(idle, .seconds(1))
        while true {
          try await Task.sleep(nanoseconds: UInt64(step.nanoseconds))
          let last = progress.withLock { $0.mark }
          if NIODeadline.now() - last >= idle { throw self.failure(.stalled(idle), request: request) }
        }
      }
      defer { group.cancelAll() }
      guard let answer = try await group.next() else { throw CancellationError() }
      return answer
    }
  }

  /// Sends `request` and returns the answer once its head arrived with a status below 400;
  /// an engine error answer is thrown as a `DockerError` carrying the engine's message.
  func execute(_ request: EngineRequest, version: APIVersion?, deadline: NIODeadline) async throws
    -> HTTPClientResponse
  {
    var outgoing = HTTPClientRequest(url: url(request.uri(version: version)))
    outgoing.method = .init(rawValue: request.method.rawValue)
    if case .unix = target {
      // The engine rejects requests without a Host header; AHC sends none over unix sockets.
      outgoing.headers.replaceOrAdd(name: "Host", value: "docker")
    }
    for field in request.headers {
      outgoing.headers.replaceOrAdd(name: field.name, value: field.value)
    }
    outgoing.body = request.body ?? request.bytes.map { .bytes(ByteBuffer(bytes: $0)) }

    let response: HTTPClientResponse
    do {
      response = try await http().execute(outgoing, deadline: deadline)
    } catch {
      throw translate(error, request: request, phase: .request)
    }
    let status = Int(response.status.code)
    if status >= 400 {
      throw await engineError(response, request: request, deadline: deadline)
    }
    return response
  }

  /// The whole body of `response`, at most `limit` bytes.
  /// `received`, when given, is told the size of each chunk as it arrives.
  func collect(
    _ response: HTTPClientResponse, request: EngineRequest, limit: Int = 256 << 20,
    received: (@Sendable (Int) -> Void)? = nil
  ) async throws -> ByteBuffer {
    do {
      guard let received else { return try await response.body.collect(upTo: limit) }
      return try await response.body.map { chunk in
        received(chunk.readableBytes)
        return chunk
      }.collect(upTo: limit)
    } catch let error as NIOTooManyBytesError {
      throw DockerError(
        kind: .protocolError, message: "the answer to \(request.summary) is larger than \(limit) bytes: \(error)")
    } catch {
      throw translate(error, request: request, phase: .body)
    }
  }

  /// The `DockerError` for an answer with status >= 400: the engine's `{"message": ...}` verbatim,
  /// or the body's text, or the status reason when the body is empty.
  private func engineError(_ response: HTTPClientResponse, request: EngineRequest, deadline: NIODeadline) async
    -> DockerError
  {
    let body = (try? await response.body.collect(upTo: 1 << 20)) ?? ByteBuffer()
    return Self.engineError(status: Int(response.status.code), reason: response.status.reasonPhrase, body: body)
  }

  /// The `DockerError` for status `status`: the body's engine message, else `status reason`.
  static func engineError(status: Int, reason: String, body: ByteBuffer) -> DockerError {
    var message = engineMessage(in: body) ?? ""
    if message.isEmpty {
      message = "\(status) \(reason)"
    }
    return DockerError(kind: DockerError.kind(forStatus: status), status: status, message: message)
  }

  /// The `message` of an engine error body, else the body's text without surrounding white space.
  static func engineMessage(in body: ByteBuffer) -> String? {
    if let object = try? body.withUnsafeReadableBytes({ try JSONParser.parse($0) }),
      let message = object["message"]?.stringValue
    {
      return message
    }
    let text = String(decoding: body.readableBytesView, as: UTF8.self).trimmingWhitespace()
    return text.isEmpty ? nil : text
  }

  /// The full URL for a percent-encoded path and query.
  private func url(_ uri: String) -> String {
    switch target {
    case .unix(let path):
      return "http+unix://\(EngineRequest.percentEncode(path, allowed: EngineRequest.isUnreserved))\(uri)"
    case .tcp(let secure, let host, let port):
      let shownHost = host.contains(":") ? "[\(host)]" : host
      return "\(secure ? "https" : "http")://\(shownHost):\(port)\(uri)"
    }
  }

  /// Shuts the pools down; in-flight requests fail.
  func shutdown() async throws {
    sockets?.shutdown()
    try await client.shutdown()
    bridge?.stop()
  }

  /// Starts shutting the pools down without waiting (for `deinit`).
  func shutdownInBackground() {
    sockets?.shutdown()
    client.shutdownInBackground()
    bridge?.stop()
  }
}

extension EngineTransport {
  /// Turns any failure of a request into `CancellationError` (the task was cancelled) or a `DockerError`.
  /// Over ssh, a connection the ssh command dropped is reported with the command's own failure.
  func translate(_ error: any Error, request: EngineRequest, phase: Phase) -> any Error {
    let translated = translateTransportError(error, request: request, phase: phase)
    if let bridge, let dockerError = translated as? DockerError, dockerError.status == nil,
      dockerError.kind == .connectionLost || dockerError.kind == .unreachable,
      let failure = bridge.takeFailure()
    {
      return DockerError(kind: .unreachable, message: "error during connect: \(failure)")
    }
    return translated
  }

  private func translateTransportError(_ error: any Error, request: EngineRequest, phase: Phase) -> any Error {
    if error is CancellationError || Task.isCancelled { return CancellationError() }
    if let error = error as? DockerError { return error }
    if let error = error as? HTTPClientError {
      switch error {
      case .cancelled:
        return CancellationError()
      case .deadlineExceeded, .readTimeout, .writeTimeout:
        return DockerError(kind: .timeout, message: "\(request.summary) on \(address) timed out")
      case .connectTimeout, .tlsHandshakeTimeout:
        return DockerError(
          kind: .timeout,
          message: "Cannot connect to the Docker daemon at \(address). Is the docker daemon running? (timed out)")
      case .remoteConnectionClosed:
        return connectionLost(request)
      case .alreadyShutdown:
        return DockerError(kind: .unsupported, message: "the client for \(address) was shut down")
      default:
        break
      }
    }
    if let error = error as? ChannelError, case .connectTimeout = error {
      return DockerError(
        kind: .timeout,
        message: "Cannot connect to the Docker daemon at \(address). Is the docker daemon running? (timed out)")
    }
    if phase == .body { return connectionLost(request) }
    if error is NIOSSLError || error is BoringSSLError {
      return DockerError(
        kind: .unreachable, message: "TLS handshake with the Docker daemon at \(address) failed: \(error)")
    }
    if let code = Self.errorNumber(of: error) {
      return connectFailure(errno: code, request: request)
    }
    if error is NIOConnectionError {
      return connectFailure(errno: nil, request: request)
    }
    return DockerError(kind: .protocolError, message: "\(request.summary) on \(address) failed: \(error)")
  }

  /// The error for a failed socket exchange.
  func failure(_ failure: SocketFailure, request: EngineRequest) -> any Error {
    switch failure {
    case .connect(let code):
      return connectFailure(errno: code, request: request)
    case .connectTimedOut:
      return DockerError(
        kind: .timeout,
        message: "Cannot connect to the Docker daemon at \(address). Is the docker daemon running? (timed out)")
    case .closedBeforeAnswer, .notSent, .lost:
      return connectionLost(request)
    case .timedOut:
      return DockerError(kind: .timeout, message: "\(request.summary) on \(address) timed out")
    case .stalled(let idle):
      let n = idle.nanoseconds
      let seconds = n % 1_000_000_000 == 0 ? String(n / 1_000_000_000) : String(Double(n) / 1e9)
      return DockerError(
        kind: .timeout,
        message:
          "\(request.summary) on \(address) stalled: the engine sent almost nothing for \(seconds) s "
          + "(under \(SocketConnection.minimumProgress) bytes; the idle limit)")
    case .aborted:
      return CancellationError()
    case .shutDown:
      return DockerError(kind: .unsupported, message: "the client for \(address) was shut down")
    case .malformed(let reason):
      return DockerError(kind: .protocolError, message: "\(request.summary) on \(address) failed: \(reason)")
    case .tooLarge(let limit):
      return DockerError(
        kind: .protocolError, message: "the answer to \(request.summary) is larger than \(limit) bytes")
    }
  }

  private func connectionLost(_ request: EngineRequest) -> DockerError {
    DockerError(
      kind: .connectionLost,
      message: "the connection to the Docker daemon at \(address) was lost before the answer to "
        + "\(request.summary) was complete")
  }

  /// The error for a connection that could not be made, naming the address as the docker CLI does.
  /// For a unix socket the path is examined: missing means unreachable, not openable means permission denied.
  func connectFailure(errno code: Int32?, request: EngineRequest) -> DockerError {
    if code == ECONNRESET || code == EPIPE {
      return connectionLost(request)
    }
    var denied = code == EACCES || code == EPERM
    if case .unix(let path) = target {
      var info = stat()
      if stat(path, &info) != 0 {
        denied = errno == EACCES
      } else if access(path, R_OK | W_OK) != 0 && (errno == EACCES || errno == EPERM) {
        denied = true
      }
      if denied {
        return DockerError(
          kind: .permissionDenied,
          message: "permission denied while trying to connect to the Docker daemon socket at \(address): "
            + "dial unix \(path): connect: permission denied")
      }
    } else if denied {
      return DockerError(
        kind: .permissionDenied,
        message: "permission denied while trying to connect to the Docker daemon at \(address)")
    }
    return DockerError(
      kind: .unreachable, message: "Cannot connect to the Docker daemon at \(address). Is the docker daemon running?")
  }

  /// The errno inside a connect failure, when there is one.
  static func errorNumber(of error: any Error) -> Int32? {
    if let error = error as? IOError { return error.errnoCode }
    if let error = error as? NIOConnectionError {
      for failure in error.connectionErrors {
        if let code = errorNumber(of: failure.error) { return code }
      }
    }
    return nil
  }

  /// The NIO time amount for a duration, rounded to nanoseconds.
  static func timeAmount(_ duration: Duration) -> TimeAmount {
    let (seconds, attoseconds) = duration.components
    return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
  }

  /// The NIOSSL client configuration for the endpoint's TLS files.
  static func tlsConfiguration(_ files: TLSFiles) throws -> TLSConfiguration {
    var tls = TLSConfiguration.makeClientConfiguration()
    do {
      if let ca = files.ca {
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(ca))
      }
      if let cert = files.cert {
        tls.certificateChain = try NIOSSLCertificate.fromPEMFile(cert).map { .certificate($0) }
      }
      if let key = files.key {
        tls.privateKey = .privateKey(try NIOSSLPrivateKey(file: key, format: .pem))
      }
    } catch {
      throw DockerError(kind: .unreachable, message: "could not load the TLS files for the Docker daemon: \(error)")
    }
    tls.certificateVerification = files.verify ? .fullVerification : .none
    return tls
  }
}
