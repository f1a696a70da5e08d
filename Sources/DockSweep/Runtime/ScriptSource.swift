import Foundation

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

  /// Reads a script file. A first line starting with `#` (a shebang) is
  /// blanked, keeping line numbers. Missing, unreadable, directory and binary
  /// files fail with a ``SessionError`` of kind `.load` naming the file.
  public static func file(_ path: String) throws -> ScriptSource {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw SessionError(.load, "cannot open \(path): no such file")
    }
    if isDirectory.boolValue { throw SessionError(.load, "cannot read \(path): it is a directory, not a recipe") }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw SessionError(.load, "cannot open \(path): permission denied")
    }
    defer { try? handle.close() }
    let data: Data
    do {
      data = try handle.readToEnd() ?? Data()
    } catch {
      throw SessionError(.load, "cannot read \(path): \(error.localizedDescription)")
    }
    return try ScriptSource(bytes: [UInt8](data), chunkName: "@" + path).checkedText(displayName: path)
  }

  /// Standard input, read to the end.
  public static func standardInput() throws -> ScriptSource {
    let data = FileHandle.standardInput.readDataToEndOfFile()
    return try ScriptSource(bytes: [UInt8](data), chunkName: "=stdin").checkedText(displayName: "stdin")
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
