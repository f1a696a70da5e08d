import FoundationEssentials
import Glibc

/// How full a filesystem is, as the kubelet measures its image filesystem: `statfs`, with used meaning
/// capacity minus what unprivileged users may still write.
struct FilesystemUsage: Equatable, Sendable {
  /// Total bytes.
  var capacity: Int64
  /// Bytes in use: capacity − available.
  var used: Int64

  /// The filesystem holding `path`; nil when `path` cannot be read here.
  static func of(_ path: String) -> FilesystemUsage? {
    var info = statvfs()
    guard statvfs(path, &info) == 0 else { return nil }
    let block = Int64(info.f_frsize)
    let capacity = Int64(info.f_blocks) * block
    return FilesystemUsage(capacity: capacity, used: capacity - Int64(info.f_bavail) * block)
  }
}
