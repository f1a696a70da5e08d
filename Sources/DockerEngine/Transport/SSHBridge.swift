import Dispatch
import DockerFormats
import FoundationEssentials
import Glibc

/// Reaches an engine over ssh as the docker CLI does: every connection runs
/// `ssh -o ConnectTimeout=30 -T [-l USER] [-p PORT] -- HOST docker system dial-stdio` and carries the HTTP
/// bytes over its standard input and output. The HTTP pool connects to a private unix socket
/// (in a fresh `0700` directory) whose connections this bridge pumps to and from those processes.
final class SSHBridge: Sendable {
  /// The private unix socket the pool connects to.
  let socketPath: String
  /// `ssh://[user@]host[:port]`, for messages.
  let address: String
  /// The command run per connection, program first.
  let command: [String]

  private let directory: String
  private let listener: Int32
  private let state = Locked(State())

  private struct State: Sendable {
    var stopped = false
    var connections: Set<Int32> = []
    var processes: [Int: ChildProcess] = [:]
    var nextID = 0
    /// Why the last ssh process failed (its exit status and standard error), if one did.
    var lastFailure: String?
  }

  /// Starts listening; `program` is the ssh executable, looked up on `PATH`.
  init(user: String?, host: String, port: Int?, program: String = "ssh") throws {
    var address = "ssh://"
    if let user { address += "\(user)@" }
    address += host.contains(":") ? "[\(host)]" : host
    if let port { address += ":\(port)" }
    self.address = address
    var command = [program, "-o", "ConnectTimeout=30", "-T"]
    if let user { command += ["-l", user] }
    if let port { command += ["-p", String(port)] }
    command += ["--", host, "docker", "system", "dial-stdio"]
    self.command = command

    let temporary = ProcessEnvironment.value("TMPDIR").flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    var template = Array("\(temporary)/docksweep-ssh-XXXXXX".utf8CString)
    guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
      throw DockerError(kind: .unreachable, message: "\(address): cannot create a private directory for ssh")
    }
    directory = String(cString: made)
    socketPath = "\(directory)/docker.sock"
    do {
      listener = try Self.makeListener(at: socketPath)
    } catch {
      rmdir(directory)
      throw DockerError(kind: .unreachable, message: "\(address): cannot create the local socket for ssh: \(error)")
    }
    DetachedThread.start { [self] in acceptLoop() }
  }

  /// Why the last ssh process failed, in the docker CLI's words, or nil; reading it clears it.
  func takeFailure() -> String? {
    state.withLock { state in
      defer { state.lastFailure = nil }
      return state.lastFailure
    }
  }

  /// Stops accepting connections, ends the ssh processes and removes the private socket.
  func stop() {
    let processes = state.withLock { state -> [ChildProcess] in
      if state.stopped { return [] }
      state.stopped = true
      for connection in state.connections { shutdown(connection, Int32(SHUT_RDWR)) }
      return Array(state.processes.values)
    }
    for process in processes { process.terminate() }
    shutdown(listener, Int32(SHUT_RDWR))
    close(listener)
    unlink(socketPath)
    rmdir(directory)
  }

  private func acceptLoop() {
    while true {
      let connection = accept(listener, nil, nil)
      if connection < 0 {
        if errno == EINTR { continue }
        return
      }
      let id = state.withLock { state -> Int? in
        if state.stopped { return nil }
        state.nextID += 1
        state.connections.insert(connection)
        return state.nextID
      }
      guard let id else {
        close(connection)
        return
      }
      DetachedThread.start { [self] in serve(connection, id: id) }
    }
  }

  /// Pumps one connection through one ssh process until either side ends.
  private func serve(_ connection: Int32, id: Int) {
    let errorFile = "\(directory)/stderr-\(id)"
    defer {
      state.withLock { state in
        state.connections.remove(connection)
        state.processes[id] = nil
        close(connection)
      }
      unlink(errorFile)
    }
    let process: ChildProcess
    do {
      process = try ChildProcess(["/usr/bin/env"] + command, errorPath: errorFile)
    } catch {
      state.withLock { $0.lastFailure = "cannot run \(command[0]): \(error)" }
      return
    }
    state.withLock { $0.processes[id] = process }

    let upstreamDone = DispatchSemaphore(value: 0)
    DetachedThread.start {
      // Writing to the pipe of an ssh command that already exited must fail with EPIPE, not raise SIGPIPE
      // (which would end the whole process): the signal is blocked on this thread, where such a write happens.
      var pipeSignal = sigset_t()
      sigemptyset(&pipeSignal)
      sigaddset(&pipeSignal, SIGPIPE)
      pthread_sigmask(SIG_BLOCK, &pipeSignal, nil)
      Self.pump(from: connection, to: process.input)
      process.closeInput()
      upstreamDone.signal()
    }
    Self.pump(from: process.output, to: connection)
    let status = process.wait()
    // Reaped: its pid may be reused, so `stop()` must no longer signal it.
    state.withLock { $0.processes[id] = nil }
    if status != 0 {
      let stderr = FileContents.text(atPath: errorFile) ?? ""
      let failure =
        "command [\(command.joined(separator: " "))] has exited with exit status \(status ?? 255), "
        + "make sure the URL is valid, and Docker 18.09 or later is installed on the remote host: stderr="
        + stderr.trimmingWhitespace()
      state.withLock { if !$0.stopped { $0.lastFailure = failure } }
    }
    shutdown(connection, Int32(SHUT_RDWR))
    upstreamDone.wait()
  }

  /// Copies bytes from `source` to `destination` until end of file or an error on either side.
  private static func pump(from source: Int32, to destination: Int32) {
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(source, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      if count <= 0 { return }
      var offset = 0
      while offset < count {
        let written = buffer[offset..<count].withUnsafeBytes {
          send(destination, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
        }
        if written < 0 && errno == ENOTSOCK {
          let plain = buffer[offset..<count].withUnsafeBytes { write(destination, $0.baseAddress, $0.count) }
          if plain <= 0 { return }
          offset += plain
          continue
        }
        if written < 0 && errno == EINTR { continue }
        if written <= 0 { return }
        offset += written
      }
    }
  }

  /// A unix socket bound and listening at `path`, reachable only by this user.
  private static func makeListener(at path: String) throws -> Int32 {
    #if canImport(Glibc)
      let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    #else
      let descriptor = socket(AF_UNIX, SOCK_STREAM, 0)
    #endif
    guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    guard let address = UnixSocketAddress(path) else {
      close(descriptor)
      throw POSIXError(.ENAMETOOLONG)
    }
    let bound = address.withSockaddr { bind(descriptor, $0, $1) }
    guard bound == 0, listen(descriptor, 64) == 0 else {
      let code = errno
      close(descriptor)
      throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
    }
    return descriptor
  }
}
