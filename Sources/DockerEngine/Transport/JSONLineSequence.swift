import NIOCore

/// The lines of a streamed body (events, load, pull answers), each without its `\n` or `\r\n`;
/// blank lines are skipped and a last line without a newline is still delivered.
struct JSONLineSequence<Base: AsyncSequence & Sendable>: AsyncSequence, Sendable where Base.Element == ByteBuffer {
  typealias Element = ByteBuffer

  let base: Base
  /// Longest accepted line; a longer one ends the sequence with a protocol error.
  var maximumLineLength = 16 << 20

  init(_ base: Base) {
    self.base = base
  }

  struct AsyncIterator: AsyncIteratorProtocol {
    var upstream: Base.AsyncIterator
    let maximumLineLength: Int
    var pending = ByteBuffer()
    var finished = false

    mutating func next() async throws -> ByteBuffer? {
      while true {
        if let line = nextLine() { return line }
        if finished { return nil }
        guard var chunk = try await upstream.next() else {
          finished = true
          let rest = pending.readSlice(length: pending.readableBytes) ?? ByteBuffer()
          return Self.isBlank(rest) ? nil : rest
        }
        pending.discardReadBytes()
        pending.writeBuffer(&chunk)
        if pending.readableBytes > maximumLineLength, pending.readableBytesView.firstIndex(of: 0x0A) == nil {
          throw DockerError(
            kind: .protocolError, message: "a line of the engine's answer is longer than \(maximumLineLength) bytes")
        }
      }
    }

    /// The next complete non-blank line in `pending`, if any.
    private mutating func nextLine() -> ByteBuffer? {
      while let newline = pending.readableBytesView.firstIndex(of: 0x0A) {
        let length = newline - pending.readerIndex
        var line = pending.readSlice(length: length)!
        pending.moveReaderIndex(forwardBy: 1)
        if line.readableBytesView.last == 0x0D {
          line = line.getSlice(at: line.readerIndex, length: line.readableBytes - 1)!
        }
        if !Self.isBlank(line) { return line }
      }
      return nil
    }

    private static func isBlank(_ buffer: ByteBuffer) -> Bool {
      buffer.readableBytesView.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
    }
  }

  func makeAsyncIterator() -> AsyncIterator {
    AsyncIterator(upstream: base.makeAsyncIterator(), maximumLineLength: maximumLineLength)
  }
}
