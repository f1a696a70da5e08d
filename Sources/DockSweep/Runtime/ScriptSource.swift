import DockerEngine
import DockerFormats
import FoundationEssentials
import Glibc

/// A chunk of Lua to run and the name its errors are reported under.
public struct ScriptSource: Sendable {
  /// The chunk's text.
  public var text: [UInt8]
  /// Lua's chunk name: `@path` for files, `=(command line)` for `-e`, `=stdin`.
  public var chunkName: String

  /// A chunk from a string, named like lua.c names `-e` chunks unless `name` is given.
  public init(text: String, chunkName: String = "=(command line)") {
    self.text = Array(text.utf8)
    self.chunkName = chunkName
  }

  /// A chunk from raw bytes.
  public init(bytes: [UInt8], chunkName: String) {
    self.text = bytes
    self.chunkName = chunkName
  }

  /// Whether the text contains `word` anywhere, comments and strings included.
  public func mentions(_ word: String) -> Bool {
    text.firstIndex(of: Array(word.utf8)) != nil
  }

  /// Reads a script file. A first line starting with `#` (a shebang) is
  /// blanked, keeping line numbers. Missing, unreadable, directory and binary
  /// files fail with a ``SessionError`` of kind `.load` naming the file.
  public static func file(_ path: String) throws -> ScriptSource {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      let reason = errno == ENOENT ? "no such file" : String(cString: strerror(errno))
      throw SessionError(.load, "cannot open \(path): \(reason)")
    }
    defer { close(descriptor) }
    var info = stat()
    if fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
      throw SessionError(.load, "cannot read \(path): it is a directory, not a recipe")
    }
    guard let bytes = FileContents.readToEnd(descriptor) else {
      throw SessionError(.load, "cannot read \(path): \(String(cString: strerror(errno)))")
    }
    return try ScriptSource(bytes: bytes, chunkName: "@" + path).checkedText(displayName: path)
  }

  /// Standard input, read to the end.
  public static func standardInput() throws -> ScriptSource {
    let bytes = FileContents.readToEnd(STDIN_FILENO) ?? []
    return try ScriptSource(bytes: bytes, chunkName: "=stdin").checkedText(displayName: "stdin")
  }

  /// Refuses binary chunks and blanks a shebang line.
  func checkedText(displayName: String) throws -> ScriptSource {
    var copy = self
    if copy.text.first == 0x1B {
      throw SessionError(
        .load, "cannot run \(displayName): it is a compiled (binary) chunk; only Lua source is accepted")
    }
    if copy.text.first == UInt8(ascii: "#") {
      let end = copy.text.firstIndex(of: UInt8(ascii: "\n")) ?? copy.text.endIndex
      copy.text.replaceSubrange(0..<end, with: [])
    }
    if copy.text.prefix(512).contains(0) {
      throw SessionError(.load, "cannot run \(displayName): it is a binary file, not a Lua recipe")
    }
    return copy
  }
}
