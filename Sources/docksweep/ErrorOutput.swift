import DockSweep
import Foundation

/// Writes errors to standard error: `docksweep: message`, or under `--format json` one JSON object
/// `{"kind": ..., "message": ..., "status": ...}`.
enum ErrorOutput {
  /// The format errors are written in; set from the command line before anything can fail.
  nonisolated(unsafe) static var format = OutputFormat.text

  /// Reports a failure of `kind` (`runtime`, `load`, `usage`) that ends the run with `status`.
  static func report(_ message: String, kind: String = "usage", status: Int32 = 2) {
    if format == .json {
      var text = "{\"kind\":"
      quote(kind, into: &text)
      text += ",\"message\":"
      quote(message, into: &text)
      text += ",\"status\":\(status)}\n"
      write(text)
    } else {
      write("docksweep: \(message)\n")
    }
  }

  /// Writes `text` to standard error as is.
  static func write(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }

  /// `s` as a JSON string.
  private static func quote(_ s: String, into out: inout String) {
    out += "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    out += "\""
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
