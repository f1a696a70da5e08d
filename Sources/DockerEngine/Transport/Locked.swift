import NIOConcurrencyHelpers

/// A value guarded by a lock, shareable between tasks.
final class Locked<Value: Sendable>: @unchecked Sendable {
  private let lock = NIOLock()
  private var value: Value

  init(_ value: Value) {
    self.value = value
  }

  /// Runs `body` with exclusive access to the value; `body` must not suspend or re-enter.
  func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
    try lock.withLock { try body(&value) }
  }
}
