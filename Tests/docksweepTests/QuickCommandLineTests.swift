import ArgumentParser
import TestImages
import Testing

@testable import docksweep

/// The quick parser either declines a command line or reads it exactly as swift-argument-parser does.
@Suite struct QuickCommandLineTests {
  /// The full parser's reading of a normalized command line: a request, or nil for anything else.
  func fullParse(_ arguments: [String]) -> RunRequest? {
    guard let command = try? Docksweep.parseAsRoot(arguments) else { return nil }
    return (command as? Run)?.request
  }

  func normalized(_ line: [String]) -> [String] { ArgumentNormalizer.normalize(line) }

  @Test(arguments: [
    ["-e", "print(1)"],
    ["cleanup.lua", "168h", "--yes"],
    ["run", "cleanup.lua"],
    ["--yes", "run", "-e", "x = 1", "-e", "print(x)", "f.lua", "a", "-b"],
    ["-n", "-y", "--trust", "-i", "-e", "print(1)"],
    ["--dry-run", "--protect", "^keep", "--protect=^also", "--allow-write", "/tmp", "--allow-write=/var", "f.lua"],
    ["--timeout", "2.5", "--max-memory", "64MB", "-e", "print(1)"],
    ["--timeout=30", "--max-memory=1GB", "-H", "unix:///tmp/d.sock", "-e", "1"],
    ["--host", "tcp://127.0.0.1:2375", "f.lua"],
    ["--host=ssh://box", "--context", "other", "f.lua"],
    ["--context=other", "-"],
    ["-H", "unix:///a.sock", "-H", "unix:///b.sock", "--context", "c", "-e", "1"],
    ["--all-contexts", "-n", "f.lua"],
    ["f.lua", "--", "x"],
    ["--", "f.lua"],
  ])
  func acceptedLinesReadAsTheFullParserReadsThem(line: [String]) throws {
    let arguments = normalized(line)
    let quick = try #require(QuickCommandLine.runRequest(arguments), "declined \(arguments)")
    #expect(quick == fullParse(arguments))
  }

  /// Whether an option's value starts with `-` (where the two parsers may differ; see ``QuickCommandLine``).
  static func hasDashValue(_ request: RunRequest) -> Bool {
    let s = request.settings
    let values = request.chunks + s.protect + s.allowWrite + s.hosts + s.contexts + [s.maxMemory].compactMap { $0 }
    return values.contains { $0.hasPrefix("-") } || (s.timeout.map { $0 < 0 } ?? false)
  }

  /// Values are the next word whatever they start with, as lua.c takes `-e`: a chunk that opens with a comment,
  /// a regex that starts with a dash.
  @Test func valuesMayStartWithADash() throws {
    let request = try #require(
      QuickCommandLine.runRequest(normalized(["-e", "-- note\nprint(1)", "--protect", "-old$", "f.lua", "-x"])))
    #expect(request.chunks == ["-- note\nprint(1)"])
    #expect(request.settings.protect == ["-old$"])
    #expect(request.script == ["f.lua", "-x"])
  }

  @Test func valuesLandWhereTheyBelong() throws {
    let arguments = normalized([
      "-y", "--protect", "^a", "--timeout", "5", "-e", "print(1)", "f.lua", "--yes", "-e",
    ])
    let request = try #require(QuickCommandLine.runRequest(arguments))
    #expect(request.settings.yes && request.settings.protect == ["^a"] && request.settings.timeout == 5)
    #expect(request.chunks == ["print(1)"])
    #expect(request.script == ["f.lua", "--yes", "-e"])
    #expect(!request.settings.dryRun && !request.interactive)
  }

  @Test(arguments: [
    ["--help"],
    ["-h"],
    ["--version"],
    ["run", "--help"],
    ["recipe", "disk-usage"],
    ["repl"],
    ["types"],
    ["-ny", "-e", "1"],
    ["--yes", "--yes", "-e", "1"],
    ["--yes=1", "-e", "1"],
    ["-e"],
    ["-e", "--", "f.lua"],
    ["--protect=", "f.lua"],
    ["--timeout", "0", "f.lua"],
    ["--timeout", "soon", "f.lua"],
    ["--timeout", "1", "--timeout", "2", "f.lua"],
    ["--max-memory", "12 parsecs", "f.lua"],
    ["--max-memory", "10KB", "f.lua"],
    ["--frobnicate", "f.lua"],
    ["-eprint(1)"],
  ])
  func everythingElseGoesToTheFullParser(line: [String]) {
    #expect(QuickCommandLine.runRequest(normalized(line)) == nil)
  }

  /// Random command lines from the words both parsers know (and some they do not): whatever the quick parser
  /// accepts, the full parser reads the same way.
  @Test func randomLinesAgreeWhenAccepted() throws {
    // Every name of every global option, from the one table both parsers read.
    let words =
      OptionTable.global.flatMap(\.names) + [
        "-i", "-e", "--protect=^x", "--timeout=1", "--yes=true", "--", "-", "run", "f.lua", "print(1)", "3", "0",
        "-1", "64MB", "unix:///s", "-ny", "--bogus", "help", "-h",
      ]
    var random = SplitMix64(seed: 11)
    var accepted = 0
    for _ in 0..<800 {
      let line = (0..<Int.random(in: 0...7, using: &random)).map { _ in words.randomElement(using: &random)! }
      let arguments = normalized(line)
      guard let quick = QuickCommandLine.runRequest(arguments), !Self.hasDashValue(quick) else { continue }
      accepted += 1
      #expect(quick == fullParse(arguments), "\(line) -> \(arguments)")
    }
    #expect(accepted > 50)
  }

  /// A value each option with a value of a particular form takes.
  static let sampleValues = ["--timeout": "5", "--idle-timeout": "5", "--max-memory": "64MB", "--format": "json"]

  /// Each global option in the table, given once with a plain value, reads the same through both parsers.
  @Test(arguments: OptionTable.global.flatMap(\.names))
  func everyTableOptionReadsTheSame(name: String) throws {
    let option = try #require(OptionTable.entry(name))
    let line =
      [name]
      + (option.valueName == nil
        ? [] : [Self.sampleValues[option.long] ?? "x"]) + ["f.lua"]
    let arguments = normalized(line)
    let quick = try #require(QuickCommandLine.runRequest(arguments), "declined \(arguments)")
    #expect(quick != RunRequest(script: ["f.lua"]), "\(name) changed the settings")
    #expect(quick == fullParse(arguments))
  }
}
