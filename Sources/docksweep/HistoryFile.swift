import DockerEngine
import FoundationEssentials
import Glibc

/// The REPL history file: one entry per line (the lines of a multi-line entry
/// separated by the ASCII record separator, U+001E, which typed text does not
/// hold), appended under an exclusive lock so that concurrent sessions lose
/// nothing, and cut in place to the newest `limit` entries once it holds
/// more than twice that.
enum HistoryFile {
  /// Stands for a line break inside an entry.
  static let lineBreak: Character = "\u{1E}"

  /// The entry as one line of the file.
  static func line(_ entry: String) -> String {
    String(entry.map { $0 == "\n" ? lineBreak : $0 })
  }

  /// The entry a line of the file holds, its line breaks restored.
  static func entry(_ line: Substring) -> String {
    String(line.map { $0 == lineBreak ? "\n" : $0 })
  }

  /// The newest `limit` entries in the file at `path`, oldest first; none when it cannot be read.
  /// (The file is plain lines, not libedit's own format, so `read_history` cannot load it.)
  static func entries(at path: String, limit: Int) -> [String] {
    guard let text = FileContents.text(atPath: path) else { return [] }
    let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
    return lines.suffix(limit).map(entry)
  }

  static func append(_ entry: String, to path: String, limit: Int) {
    let fd = open(path, O_RDWR | O_APPEND | O_CREAT, 0o600)
    guard fd >= 0 else { return }
    defer { close(fd) }
    flock(fd, LOCK_EX)
    defer { flock(fd, LOCK_UN) }
    let text = line(entry) + "\n"
    _ = text.withCString { write(fd, $0, strlen($0)) }
    trimIfNeeded(fd, limit: limit)
  }

  /// Keeps the newest `limit` lines once the file holds more than twice that; runs under the caller's lock.
  private static func trimIfNeeded(_ fd: Int32, limit: Int) {
    let size = lseek(fd, 0, SEEK_END)
    guard size > 0 else { return }
    var bytes = [UInt8](repeating: 0, count: Int(size))
    guard pread(fd, &bytes, bytes.count, 0) == bytes.count else { return }
    let lines = bytes.split(separator: UInt8(ascii: "\n"))
    guard lines.count > 2 * limit else { return }
    var kept: [UInt8] = []
    for l in lines.suffix(limit) { kept += l + [UInt8(ascii: "\n")] }
    guard ftruncate(fd, 0) == 0 else { return }
    _ = kept.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
  }
}
