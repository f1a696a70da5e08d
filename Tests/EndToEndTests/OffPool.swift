import Foundation

/// Runs `body` on a thread of its own and waits for it without holding a thread of Swift's cooperative
/// pool: tests that wait on processes (dockerd starting, the docker CLI) must leave the pool (as many threads
/// as cores) to the tests running beside them.
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
  try await withCheckedThrowingContinuation { continuation in
    Thread { continuation.resume(with: Result { try body() }) }.start()
  }
}
