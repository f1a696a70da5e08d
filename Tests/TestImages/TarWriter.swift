/// Writes a POSIX ustar archive to a sink, one entry at a time; file contents are streamed, never held whole.
///
/// Entries are owned by uid/gid 0. Paths longer than 100 bytes are split into the ustar prefix field.
struct TarWriter {
  /// The kinds of entry this writer produces, with their ustar type flags.
  enum EntryType: UInt8 {
    case file = 0x30  // "0"
    case symlink = 0x32  // "2"
    case directory = 0x35  // "5"
  }

  static let blockSize = 512
  /// The two zero blocks that end an archive.
  static let trailerSize = 2 * blockSize

  let sink: any ByteSink

  /// Bytes an entry with `contentSize` bytes of content takes: its header plus content padded to a block.
  static func entrySize(contentSize: Int) -> Int {
    blockSize + padded(contentSize)
  }

  static func padded(_ size: Int) -> Int {
    (size + blockSize - 1) / blockSize * blockSize
  }

  /// Appends a directory entry; `path` gets a trailing slash if it lacks one.
  func directory(_ path: String, mode: Int = 0o755, mtime: Int) throws {
    let name = path.hasSuffix("/") ? path : path + "/"
    try sink.write(Self.header(path: name, type: .directory, size: 0, mode: mode, mtime: mtime))
  }

  /// Appends a symbolic link at `path` pointing to `target`.
  func symlink(_ path: String, target: String, mtime: Int) throws {
    try sink.write(Self.header(path: path, type: .symlink, size: 0, mode: 0o777, mtime: mtime, linkTarget: target))
  }

  /// Appends a regular file with the given bytes.
  func file(_ path: String, bytes: [UInt8], mode: Int = 0o644, mtime: Int) throws {
    try file(path, size: bytes.count, mode: mode, mtime: mtime) { write in
      try bytes.withUnsafeBytes { try write($0) }
    }
  }

  /// Appends a regular file of exactly `size` bytes, which `contents` produces by calling the function it is
  /// given any number of times; producing more or fewer bytes is an error.
  func file(
    _ path: String,
    size: Int,
    mode: Int = 0o644,
    mtime: Int,
    contents: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void
  ) throws {
    try sink.write(Self.header(path: path, type: .file, size: size, mode: mode, mtime: mtime))
    var written = 0
    try contents { chunk in
      written += chunk.count
      guard written <= size else {
        throw TestImagesError("tar entry \(path): content exceeds the declared \(size) bytes")
      }
      try sink.write(chunk)
    }
    guard written == size else {
      throw TestImagesError("tar entry \(path): content has \(written) bytes, declared \(size)")
    }
    try writePadding(after: size)
  }

  /// Writes the zeros that fill the last block of a `size`-byte entry.
  func writePadding(after size: Int) throws {
    let count = Self.padded(size) - size
    if count > 0 {
      try sink.write([UInt8](repeating: 0, count: count))
    }
  }

  /// Ends the archive.
  func finish() throws {
    try sink.write([UInt8](repeating: 0, count: Self.trailerSize))
  }

  /// One 512-byte ustar header.
  static func header(
    path: String,
    type: EntryType,
    size: Int,
    mode: Int,
    mtime: Int,
    linkTarget: String = ""
  ) throws -> [UInt8] {
    var block = [UInt8](repeating: 0, count: blockSize)
    let (prefix, name) = try split(path)
    put(name, at: 0, width: 100, in: &block)
    try putOctal(mode, at: 100, width: 8, in: &block)
    try putOctal(0, at: 108, width: 8, in: &block)
    try putOctal(0, at: 116, width: 8, in: &block)
    try putOctal(size, at: 124, width: 12, in: &block)
    try putOctal(max(mtime, 0), at: 136, width: 12, in: &block)
    block[156] = type.rawValue
    guard linkTarget.utf8.count <= 100 else {
      throw TestImagesError("tar entry \(path): link target longer than 100 bytes")
    }
    put(linkTarget, at: 157, width: 100, in: &block)
    put("ustar\0", at: 257, width: 6, in: &block)
    put("00", at: 263, width: 2, in: &block)
    put("root", at: 265, width: 32, in: &block)
    put("root", at: 297, width: 32, in: &block)
    put(prefix, at: 345, width: 155, in: &block)
    // The checksum is computed with its own field read as eight spaces.
    for i in 148..<156 { block[i] = 0x20 }
    let sum = block.reduce(0) { $0 + Int($1) }
    let digits = Array(String(sum, radix: 8).utf8)
    let field = [UInt8](repeating: 0x30, count: 6 - digits.count) + digits + [0, 0x20]
    block.replaceSubrange(148..<156, with: field)
    return block
  }

  /// Splits `path` into ustar's prefix (at most 155 bytes) and name (at most 100 bytes) at a slash.
  private static func split(_ path: String) throws -> (prefix: String, name: String) {
    let bytes = Array(path.utf8)
    if bytes.count <= 100 { return ("", path) }
    // Directory names end with "/": never split at that final slash.
    let searchEnd = bytes.last == UInt8(ascii: "/") ? bytes.count - 1 : bytes.count
    for i in (0..<searchEnd).reversed() where bytes[i] == UInt8(ascii: "/") {
      if i <= 155 && bytes.count - i - 1 <= 100 {
        return (String(decoding: bytes[..<i], as: UTF8.self), String(decoding: bytes[(i + 1)...], as: UTF8.self))
      }
    }
    throw TestImagesError("tar entry \(path): path does not fit a ustar header")
  }

  private static func put(_ text: String, at offset: Int, width: Int, in block: inout [UInt8]) {
    for (i, byte) in text.utf8.prefix(width).enumerated() {
      block[offset + i] = byte
    }
  }

  /// Zero-padded octal digits filling `width - 1` bytes, then a NUL.
  private static func putOctal(_ value: Int, at offset: Int, width: Int, in block: inout [UInt8]) throws {
    let digits = String(value, radix: 8)
    guard digits.utf8.count <= width - 1 else {
      throw TestImagesError("tar header value \(value) does not fit \(width - 1) octal digits")
    }
    put(String(repeating: "0", count: width - 1 - digits.utf8.count) + digits, at: offset, width: width - 1, in: &block)
  }
}
