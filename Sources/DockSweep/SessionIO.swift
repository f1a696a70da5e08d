import Foundation

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
    write: { text in FileHandle.standardOutput.write(Data(text.utf8)) },
    writeError: { text in FileHandle.standardError.write(Data(text.utf8)) },
    ask: { question in
      FileHandle.standardError.write(Data(question.utf8))
      return readLine(strippingNewline: true)
    })
}
