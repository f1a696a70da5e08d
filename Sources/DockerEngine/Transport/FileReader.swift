import FoundationEssentials
import Glibc
import NIOCore
import NIOPosix

/// A file opened for reading, read in chunks off the cooperative threads; closed when released.
final class FileReader: Sendable {
  let path: String
  /// The file's size when it was opened.
  let size: Int64
  private let descriptor: Int32

  /// Opens `path`; a missing or unreadable file is a `DockerError` naming it.
  init(path: String) throws {
    self.path = path
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw DockerError(kind: .badRequest, message: "open \(path): \(String(cString: strerror(errno)))")
    }
    var info = stat()
    guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
      close(descriptor)
      throw DockerError(kind: .badRequest, message: "open \(path): not a regular file")
    }
    self.descriptor = descriptor
    self.size = Int64(info.st_size)
  }

  deinit {
    close(descriptor)
  }

  /// Up to `count` next bytes; an empty buffer at the end of the file.
  func read(upTo count: Int) async throws -> ByteBuffer {
    try await NIOThreadPool.singleton.runIfActive { [self] in
      var buffer = ByteBufferAllocator().buffer(capacity: count)
      while true {
        let got = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count) { pointer in
          Glibc.read(descriptor, pointer.baseAddress, count)
        }
        if got >= 0 { return buffer }
        if errno != EINTR {
          throw DockerError(kind: .badRequest, message: "read \(path): \(String(cString: strerror(errno)))")
        }
      }
    }
  }

  /// The file's bytes from the current position, in chunks of at most `chunkSize`.
  func chunks(chunkSize: Int = 1 << 20) -> Chunks {
    Chunks(reader: self, chunkSize: chunkSize)
  }

  /// The chunks of a `FileReader`, for a streamed request body.
  struct Chunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let reader: FileReader
    let chunkSize: Int

    struct AsyncIterator: AsyncIteratorProtocol {
      let reader: FileReader
      let chunkSize: Int
      var done = false

      mutating func next() async throws -> ByteBuffer? {
        if done { return nil }
        let chunk = try await reader.read(upTo: chunkSize)
        if chunk.readableBytes == 0 {
          done = true
          return nil
        }
        return chunk
      }
    }

    func makeAsyncIterator() -> AsyncIterator {
      AsyncIterator(reader: reader, chunkSize: chunkSize)
    }
  }
}
