import Glibc

/// Whole files and descriptors read with `read(2)`: no Foundation file machinery on paths every start-up
/// takes (a run reads its protect file, and usually finds none).
public enum FileContents {
  /// The bytes of the file at `path`; nil when it cannot be opened or read (`errno` says why).
  public static func bytes(atPath path: String) -> [UInt8]? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    return readToEnd(descriptor)
  }

  /// The file at `path` as text (invalid UTF-8 repaired); nil when it cannot be opened or read.
  public static func text(atPath path: String) -> String? {
    bytes(atPath: path).map { String(decoding: $0, as: UTF8.self) }
  }

  /// Everything left to read from `descriptor`; nil on a read error (`errno` says which).
  public static func readToEnd(_ descriptor: Int32) -> [UInt8]? {
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      if count < 0 { return nil }
      if count == 0 { return bytes }
      bytes.append(contentsOf: chunk[0..<count])
    }
  }
}
