import DockerFormats
import FoundationEssentials

/// Times the engine writes as text (`CreatedAt`, `LastUsedAt`: RFC 3339).
enum EngineTimestamp {
  /// The time `text` names, or nil when there is none or it does not read as a time.
  static func date(_ text: String?) -> Date? {
    text.flatMap { try? TimeValue.parse($0, now: Date()) }
  }

  /// Seconds since 1970 of `text`, 0 when it names no time.
  static func unixSeconds(_ text: String?) -> Int64 {
    date(text).map { Int64($0.timeIntervalSince1970) } ?? 0
  }
}
