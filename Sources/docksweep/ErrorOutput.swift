import Foundation

/// Writes `docksweep: message` to standard error.
enum ErrorOutput {
  static func report(_ message: String) {
    FileHandle.standardError.write(Data("docksweep: \(message)\n".utf8))
  }

  /// Writes `text` to standard error as is.
  static func write(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }
}
