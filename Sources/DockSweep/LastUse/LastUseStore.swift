import DockerEngine
import DockerFormats
import FoundationEssentials
import Glibc

/// The file that keeps one engine's ``LastUseTable``: `DIR/last-use-ENGINEID.json`.
///
/// Every change is made under an exclusive lock (`flock` on a `.lock` file beside it), to the newest
/// saved table, and written atomically (temporary file, fsync, rename, fsync of the directory), so two
/// processes never lose each other's updates and a crash never leaves half a file. A damaged, unreadable
/// or foreign file gives a warning and is rebuilt; it never stops the run.
public struct LastUseStore: Sendable {
  /// The state file.
  public let path: String
  /// The file format's version; a file with another version is rebuilt.
  static let version = 1

  /// The store of engine `engineID` in `directory` (created when missing).
  public init(directory: String, engineID: String) {
    let safe = engineID.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" }
    path = directory + "/last-use-" + String(safe.isEmpty ? Array("unknown") : safe) + ".json"
  }

  /// Where docksweep keeps state: `$XDG_STATE_HOME/docksweep`, else `$HOME/.local/state/docksweep`.
  public static func defaultDirectory(environment: [String: String]) -> String {
    if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/docksweep" }
    let home = HomeDirectory.path(environment: environment)
    return home + "/.local/state/docksweep"
  }

  /// What reading the file found.
  public struct Loaded: Sendable {
    /// The table (empty when there was none or it was rebuilt).
    public var table: LastUseTable
    /// True when no usable table existed: images never seen get their creation time.
    public var fresh: Bool
    /// Why the file was not usable, when it existed but could not be read.
    public var warning: String?
  }

  private struct File: Codable {
    var version: Int
    var engine: String?
    var table: LastUseTable
  }

  /// Reads the table without locking (a snapshot: writes are atomic renames).
  public func read() -> Loaded {
    guard FileManager.default.fileExists(atPath: path) else { return Loaded(table: LastUseTable(), fresh: true) }
    do {
      let data = try Data(contentsOf: URL(fileURLWithPath: path))
      let file = try JSONDecoder().decode(File.self, from: data)
      guard file.version == Self.version else {
        return Loaded(
          table: LastUseTable(), fresh: true,
          warning: "\(path) has format version \(file.version), not \(Self.version); rebuilding it")
      }
      return Loaded(table: file.table, fresh: false)
    } catch {
      return Loaded(
        table: LastUseTable(), fresh: true, warning: "\(path) is damaged (\(Self.reason(error))); rebuilding it")
    }
  }

  /// Under the lock: reads the newest table, lets `change` update it (`fresh` as in ``Loaded``), and writes
  /// it back. Returns the table written and any warning about the old file.
  /// - Throws: when the directory, the lock or the file cannot be written.
  @discardableResult
  public func update(_ change: (inout LastUseTable, _ fresh: Bool) throws -> Void) throws -> Loaded {
    let directory = path.parentDirectory
    try FileManager.default.createDirectory(
      atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    let lock = open(path + ".lock", O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
    guard lock >= 0 else { throw Self.failure("cannot open \(path).lock") }
    defer { close(lock) }
    while flock(lock, LOCK_EX) != 0 {
      guard errno == EINTR else { throw Self.failure("cannot lock \(path).lock") }
    }
    var loaded = read()
    try change(&loaded.table, loaded.fresh)
    try write(loaded.table, directory: directory)
    return loaded
  }

  private func write(_ table: LastUseTable, directory: String) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let data = try encoder.encode(File(version: Self.version, engine: nil, table: table))
    let temporary = path + ".tmp-\(getpid())"
    let descriptor = open(temporary, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { throw Self.failure("cannot write \(temporary)") }
    let written = data.withUnsafeBytes { SessionIO.writeAll($0, to: descriptor) }
    let synced = fsync(descriptor) == 0
    close(descriptor)
    guard written, synced, rename(temporary, path) == 0 else {
      let error = Self.failure("cannot write \(path)")
      unlink(temporary)
      throw error
    }
    let folder = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if folder >= 0 {
      fsync(folder)
      close(folder)
    }
  }

  /// Why the state could not be saved.
  public struct Failure: Error, CustomStringConvertible {
    /// What failed and the system's reason.
    public let description: String
  }

  private static func failure(_ what: String) -> Failure {
    Failure(description: "\(what): \(String(cString: strerror(errno)))")
  }

  private static func reason(_ error: any Error) -> String {
    if case DecodingError.dataCorrupted(let context) = error { return context.debugDescription }
    if case DecodingError.keyNotFound(let key, _) = error { return "no \(key.stringValue)" }
    if case DecodingError.typeMismatch(_, let context) = error { return context.debugDescription }
    return "\(error)"
  }
}
