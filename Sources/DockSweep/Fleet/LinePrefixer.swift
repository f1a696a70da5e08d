import FoundationEssentials
import NIOConcurrencyHelpers

/// Writes whole lines with a prefix (`ci-1  | `), as `docker compose` prefixes its services' output;
/// text without a final newline waits for the rest of its line. Safe from any thread.
final class LinePrefixer: @unchecked Sendable {
  private let prefix: String
  private let write: @Sendable (String) -> Void
  private let lock = NIOLock()
  private var pending = ""

  init(prefix: String, write: @escaping @Sendable (String) -> Void) {
    self.prefix = prefix
    self.write = write
  }

  func add(_ text: String) {
    let lines = lock.withLock { () -> [Substring] in
      pending += text
      guard let last = pending.lastIndex(of: "\n") else { return [] }
      let complete = pending[...last]
      defer { pending = String(pending[pending.index(after: last)...]) }
      return complete.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { $0 }
    }
    if lines.isEmpty { return }
    write(lines.map { prefix + $0 + "\n" }.joined())
  }

  /// Writes what is left of an unfinished line.
  func flush() {
    let rest = lock.withLock { () -> String in
      defer { pending = "" }
      return pending
    }
    if !rest.isEmpty { write(prefix + rest + "\n") }
  }
}
