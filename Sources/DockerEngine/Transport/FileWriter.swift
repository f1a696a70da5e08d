import FoundationEssentials
import Glibc
import NIOCore
import NIOPosix

/// Writes a file through a temporary sibling that replaces `path` only on `commit()`,
/// so a failed download never leaves a partial file under the final name.
final class FileWriter: Sendable {
  let path: String
  private let temporaryPath: String
  private let descriptor: Int32

  /// Creates the temporary file next to `path`.
  init(path: String) throws {
    self.path = path
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent().path
    var template = Array("\(directory)/.\(url.lastPathComponent).XXXXXX".utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard descriptor >= 0 else {
      throw DockerError(kind: .badRequest, message: "create \(path): \(String(cString: strerror(errno)))")
    }
    // mkstemp makes the file 0600; give it the mode a plain create would (0666 less the umask).
    let mask = umask(0)
    umask(mask)
    fchmod(descriptor, 0o666 & ~mask)
    self.descriptor = descriptor
    self.temporaryPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
  }

  deinit {
    close(descriptor)
  }

  /// Appends all of `buffer`.
  func write(_ buffer: ByteBuffer) async throws {
    try await NIOThreadPool.singleton.runIfActive { [self] in
      try buffer.withUnsafeReadableBytes { bytes in
        var offset = 0
        while offset < bytes.count {
          let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
          if written < 0 {
            if errno == EINTR { continue }
            throw DockerError(kind: .badRequest, message: "write \(path): \(String(cString: strerror(errno)))")
          }
          offset += written
        }
      }
    }
  }

  /// Flushes the file and moves it to `path`.
  func commit() async throws {
    try await NIOThreadPool.singleton.runIfActive { [self] in
      guard fsync(descriptor) == 0, rename(temporaryPath, path) == 0 else {
        let reason = String(cString: strerror(errno))
        unlink(temporaryPath)
        throw DockerError(kind: .badRequest, message: "write \(path): \(reason)")
      }
    }
  }

  /// Removes the temporary file (after a failure).
  func discard() {
    unlink(temporaryPath)
  }
}
