import Foundation

/// Writes bytes to a new file through a fixed-size buffer, and can overwrite bytes already written.
final class FileSink: ByteSink {
  private static let bufferSize = 1 << 20

  private let handle: FileHandle
  private var buffer: [UInt8] = []
  /// Bytes written so far, buffered or not: the position the next write lands at.
  private(set) var offset = 0

  /// Creates (or truncates) the file at `url`.
  init(url: URL) throws {
    guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
      throw TestImagesError("cannot create \(url.path)")
    }
    handle = try FileHandle(forWritingTo: url)
    buffer.reserveCapacity(Self.bufferSize)
  }

  func write(_ bytes: UnsafeRawBufferPointer) throws {
    if buffer.count + bytes.count > Self.bufferSize {
      try flush()
    }
    if bytes.count >= Self.bufferSize {
      try handle.write(contentsOf: bytes)
    } else {
      buffer.append(contentsOf: bytes)
    }
    offset += bytes.count
  }

  /// Replaces the bytes at `position` (which must already have been written) with `bytes`.
  func overwrite(at position: Int, with bytes: [UInt8]) throws {
    precondition(position >= 0 && position + bytes.count <= offset, "overwrite past the written bytes")
    try flush()
    try handle.seek(toOffset: UInt64(position))
    try handle.write(contentsOf: bytes)
    try handle.seekToEnd()
  }

  /// Writes out the buffer and closes the file.
  func close() throws {
    try flush()
    try handle.close()
  }

  private func flush() throws {
    guard !buffer.isEmpty else { return }
    try handle.write(contentsOf: buffer)
    buffer.removeAll(keepingCapacity: true)
  }
}
