import DockSweep
import DockerFormats
import FoundationEssentials
import Glibc

/// Writes errors to standard error: `docksweep: message`, or under `--format json` one JSON object
/// `{"kind": ..., "message": ..., "status": ...}`.
enum ErrorOutput {
  /// The format errors are written in; set from the command line before anything can fail.
  nonisolated(unsafe) static var format = OutputFormat.text

  /// Reports a failure of `kind` (`runtime`, `load`, `usage`) that ends the run with `status`.
  static func report(_ message: String, kind: String = "usage", status: Int32 = 2) {
    if format == .json {
      write("{\"kind\":\(kind.jsonQuoted),\"message\":\(message.jsonQuoted),\"status\":\(status)}\n")
    } else {
      write("docksweep: \(message)\n")
    }
  }

  /// Writes `text` to standard error as is.
  static func write(_ text: String) {
    SessionIO.writeAll(text, to: STDERR_FILENO)
  }
}

extension SessionError.Kind {
  /// `runtime`, `load` or `usage`.
  var name: String {
    switch self {
    case .runtime: return "runtime"
    case .load: return "load"
    case .usage: return "usage"
    }
  }
}
