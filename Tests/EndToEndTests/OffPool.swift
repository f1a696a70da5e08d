import Foundation

/// Runs `body` on a thread of its own and waits for it without holding a thread of Swift's cooperative
/// pool: tests that wait on processes (dockerd starting, the docker CLI) must leave the pool (as many threads
/// as cores) to the tests running beside them.
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
  try await withCheckedThrowingContinuation { continuation in
    Thread { continuation.resume(with: Result { try body() }) }.start()
  }
}

/// Makes a resource off the pool (a private dockerd starting), runs `test` with it, and disposes of it off
/// the pool, whether `test` threw or not.
func withOffPool<Resource: Sendable>(
  make: @escaping @Sendable () throws -> Resource, dispose: @escaping @Sendable (Resource) -> Void,
  _ test: (Resource) async throws -> Void
) async throws {
  let resource = try await offPool(make)
  do {
    try await test(resource)
  } catch {
    _ = try? await offPool { dispose(resource) }
    throw error
  }
  _ = try await offPool { dispose(resource) }
}
