import FoundationEssentials
import Glibc

/// Where a ``Session`` writes and how it asks the person a question.
/// The default writes to the process's standard output and error and reads
/// answers from standard input.
public struct SessionIO: Sendable {
  /// Writes normal output (`print`, tables, reports).
  public var write: @Sendable (String) -> Void
  /// Writes diagnostics and progress.
  public var writeError: @Sendable (String) -> Void
  /// Asks a yes/no question; returns the line typed, or nil at end of input.
  public var ask: @Sendable (String) -> String?

  /// An IO from three closures.
  public init(
    write: @escaping @Sendable (String) -> Void, writeError: @escaping @Sendable (String) -> Void,
    ask: @escaping @Sendable (String) -> String?
  ) {
    self.write = write
    self.writeError = writeError
    self.ask = ask
  }

  /// Standard output, standard error, and questions answered on standard input.
  public static let standard = SessionIO(
    write: { text in writeAll(text, to: STDOUT_FILENO) },
    writeError: { text in writeAll(text, to: STDERR_FILENO) },
    ask: { question in
      writeAll(question, to: STDERR_FILENO)
      return readLine(strippingNewline: true)
    })

  /// Drops all output and answers no question: for services that read the returned reports instead.
  public static let silent = SessionIO(write: { _ in }, writeError: { _ in }, ask: { _ in nil })

  /// Writes all of `text` to `descriptor`, retrying short and interrupted writes; stops at an error.
  public static func writeAll(_ text: String, to descriptor: Int32) {
    var text = text
    text.withUTF8 { _ = writeAll(UnsafeRawBufferPointer($0), to: descriptor) }
  }

  /// Writes all of `bytes` to `descriptor`, retrying short and interrupted writes.
  /// - Returns: false when a write failed (`errno` says why).
  @discardableResult
  static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Bool {
    var offset = 0
    while offset < bytes.count {
      let n = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { return false }
      offset += n
    }
    return true
  }
}
