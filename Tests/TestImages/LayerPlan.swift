import DockerEngine
import Foundation

/// The tar entries of one layer, laid out before any content is produced so that the layer tar's exact
/// size is known up front (the enclosing archive's header needs it).
struct LayerPlan {
  enum Source {
    case filler(seed: String)
    case hostFile(path: String)
  }

  enum Entry {
    case directory(path: String)
    case symlink(path: String, target: String)
    case file(path: String, size: Int, mode: Int, source: Source)
  }

  /// Modification time of every entry (2020-01-01T00:00:00Z): constant so that equal layers are byte-equal.
  static let mtime = 1_577_836_800

  let entries: [Entry]

  init(_ layer: TestLayer) throws {
    switch layer.kind {
    case .filler:
      let file = "data/\(Self.fileName(layer.name)).bin"
      entries = [
        .directory(path: "data"),
        .file(path: file, size: layer.size, mode: 0o644, source: .filler(seed: layer.name)),
      ]
    case .busybox:
      let busybox = try Busybox.locate()
      entries =
        [
          .directory(path: "bin"),
          .file(path: "bin/busybox", size: busybox.size, mode: 0o755, source: .hostFile(path: busybox.path)),
        ] + Busybox.links.map { .symlink(path: "bin/\($0)", target: "busybox") }
    }
  }

  /// What `docker history` shows as the command that made `layer`.
  static func createdBy(_ layer: TestLayer) -> String {
    switch layer.kind {
    case .filler: "/bin/sh -c #(nop) ADD file:\(layer.name) in /data/"
    case .busybox: "/bin/sh -c #(nop) COPY busybox /bin/"
    }
  }

  /// The exact byte count `write` produces.
  var tarSize: Int {
    entries.reduce(TarWriter.trailerSize) { total, entry in
      if case .file(_, let size, _, _) = entry {
        return total + TarWriter.entrySize(contentSize: size)
      }
      return total + TarWriter.blockSize
    }
  }

  /// Writes the layer as a complete tar archive.
  func write(to tar: TarWriter) throws {
    for entry in entries {
      switch entry {
      case .directory(let path):
        try tar.directory(path, mtime: Self.mtime)
      case .symlink(let path, let target):
        try tar.symlink(path, target: target, mtime: Self.mtime)
      case .file(let path, let size, let mode, .filler(let seed)):
        let pattern = FillerPattern(seed: seed, size: size)
        try tar.file(path, size: size, mode: mode, mtime: Self.mtime) { try pattern.write(count: size, to: $0) }
      case .file(let path, let size, let mode, .hostFile(let source)):
        try tar.file(path, size: size, mode: mode, mtime: Self.mtime) { try Self.copy(source, to: $0) }
      }
    }
    try tar.finish()
  }

  private static func copy(_ path: String, to write: (UnsafeRawBufferPointer) throws -> Void) throws {
    let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
    defer { try? handle.close() }
    while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
      try chunk.withUnsafeBytes { try write($0) }
    }
  }

  private static let fileNameCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")

  /// `name` reduced to characters safe in a file name, plus a short digest so distinct names stay distinct.
  private static func fileName(_ name: String) -> String {
    let safe = String(name.prefix(60).map { fileNameCharacters.contains($0) ? $0 : "_" })
    return safe + "-" + SHA256.hex(Array(name.utf8)).prefix(8)
  }
}
