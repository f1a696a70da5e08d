import Glibc

/// The address of a unix socket (`sockaddr_un`), as `bind` and `connect` take it.
struct UnixSocketAddress {
  private var storage = sockaddr_un()

  /// The address of `path`; nil when the path does not fit (`sun_path` holds 107 bytes and a NUL).
  init?(_ path: String) {
    let bytes = Array(path.utf8)
    guard bytes.count < MemoryLayout.size(ofValue: storage.sun_path) else { return nil }
    storage.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &storage.sun_path) { $0.copyBytes(from: bytes + [0]) }
  }

  /// Calls `body` with the address and its length.
  func withSockaddr<T>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> T) -> T {
    withUnsafePointer(to: storage) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
    }
  }
}
