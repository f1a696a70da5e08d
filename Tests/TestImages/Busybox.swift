import Foundation

/// The host's statically linked busybox, the one program that test containers run.
enum Busybox {
  /// Where Debian's `busybox-static` installs it.
  static let candidates = ["/bin/busybox", "/usr/bin/busybox"]
  /// Commands linked to `/bin/busybox` in the layer.
  static let links = ["sh", "sleep", "echo", "true", "ls", "cat"]

  /// The path and size of a statically linked busybox on this machine.
  static func locate() throws -> (path: String, size: Int) {
    guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
      throw TestImagesError("no busybox at \(candidates.joined(separator: " or ")): apt-get install busybox-static")
    }
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    guard try isStaticELF(Array(data)) else {
      throw TestImagesError(
        "\(path) is not statically linked, so it cannot run in an empty image: "
          + "apt-get install busybox-static")
    }
    return (path, data.count)
  }

  /// Whether `bytes` is a 64-bit little-endian ELF executable without a program interpreter (PT_INTERP).
  static func isStaticELF(_ bytes: [UInt8]) throws -> Bool {
    guard bytes.count >= 64, bytes[0..<4] == [0x7f, 0x45, 0x4c, 0x46], bytes[4] == 2, bytes[5] == 1 else {
      throw TestImagesError("busybox is not a 64-bit little-endian ELF file")
    }
    func read(_ offset: Int, _ width: Int) -> Int {
      (0..<width).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * $1) }
    }
    let tableOffset = read(0x20, 8)
    let entrySize = read(0x36, 2)
    let entryCount = read(0x38, 2)
    guard tableOffset + entrySize * entryCount <= bytes.count else {
      throw TestImagesError("busybox has a truncated ELF program header table")
    }
    let interpreter = 3
    return !(0..<entryCount).contains { read(tableOffset + $0 * entrySize, 4) == interpreter }
  }
}
