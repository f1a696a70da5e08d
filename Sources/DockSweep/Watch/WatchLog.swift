import DockerFormats
import FoundationEssentials

/// The log of `docksweep watch`: one line per action, each with an RFC 3339 timestamp; as text
/// (`2026-12-01T16:40:00.120Z deleted image sha256:… (app:1)`) or one JSON object per line.
public struct WatchLog: Sendable {
  /// How lines are written.
  public enum Format: String, Sendable, CaseIterable {
    case text, json
  }

  /// A value of a log line's fields.
  public enum Value: Sendable, Equatable {
    case text(String)
    case integer(Int64)
    case boolean(Bool)
  }

  public let format: Format
  private let write: @Sendable (String) -> Void
  private let clock: @Sendable () -> Date

  /// A log in `format` that hands each line (with its newline) to `write`.
  public init(
    format: Format, write: @escaping @Sendable (String) -> Void, clock: @escaping @Sendable () -> Date = { Date() }
  ) {
    self.format = format
    self.write = write
    self.clock = clock
  }

  /// Writes one line: `event` names what happened (`run`, `deleted`, `reconnected`, ...), `message` says it
  /// for a person, `fields` carry the values for machines.
  public func log(_ event: String, _ message: String, _ fields: KeyValuePairs<String, Value> = [:]) {
    let time = Self.timestamp(clock())
    switch format {
    case .text:
      write("\(time) \(message)\n")
    case .json:
      var parts = [
        "\"time\":" + time.jsonQuoted, "\"event\":" + event.jsonQuoted,
        "\"message\":" + message.jsonQuoted,
      ]
      for (key, value) in fields {
        let rendered: String
        switch value {
        case .text(let s): rendered = s.jsonQuoted
        case .integer(let i): rendered = String(i)
        case .boolean(let b): rendered = b ? "true" : "false"
        }
        parts.append(key.jsonQuoted + ":" + rendered)
      }
      write("{" + parts.joined(separator: ",") + "}\n")
    }
  }

  /// RFC 3339 in UTC with milliseconds (`2026-12-01T16:40:00.120Z`); made with the C library, since
  /// Foundation's date formatters load ICU, which would double an idle agent's memory.
  static func timestamp(_ date: Date) -> String {
    let seconds = date.timeIntervalSince1970.rounded(.down)
    let millis = min(999, Int((date.timeIntervalSince1970 - seconds) * 1000))
    let text = JSONDocument.rfc3339(Int64(seconds))
    let digits = String(millis)
    return text.dropLast() + "." + String(repeating: "0", count: 3 - digits.count) + digits + "Z"
  }
}
