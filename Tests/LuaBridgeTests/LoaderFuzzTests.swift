import Foundation
import LuaBridge
import TestImages
import Testing

/// Mutated recipes fed to the loader and run under time and memory limits:
/// each ends in a result or a `LuaError`, never a crash. `DOCKSWEEP_FUZZ_ITERATIONS` sets the run's size
/// (`scripts/fuzz` runs a long one; the test suite a short one).
@Suite struct LoaderFuzzTests {
  static let iterations = ProcessInfo.processInfo.environment["DOCKSWEEP_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 1_500

  static let seeds = [
    "local imgs = {} for i = 1, 10 do imgs[#imgs + 1] = ('img' .. i):rep(2) end return #imgs",
    "local function f(n) if n < 2 then return n end return f(n - 1) + f(n - 2) end return f(15)",
    "local t = setmetatable({}, {__index = function(_, k) return k * 2 end}) return t[21]",
    "return string.format('%d %s %q', 42, 'x', 'y\\n'), ('a,b,c'):gsub(',', ';')",
    "local co = coroutine.wrap(function(a) local b = coroutine.yield(a + 1) return b * 2 end) return co(1), co(5)",
    "local ok, err = pcall(error, {code = 1}) return ok, type(err)",
    "goto done local x = 1 ::done:: return 'jumped'",
    "return #'\\0\\1\\2', utf8.char(72, 228, 8364), math.maxinteger // -1",
  ]

  @Test func mutatedChunksNeverCrashTheHost() throws {
    var random = SplitMix64(seed: 0x5EED_D0C5)
    let alphabet = Array("()[]{}.,:;=+-*/%^#<>~'\"\\ \n\tabcdefxyz0123456789_&|".utf8)
    var outcomes = (ok: 0, syntax: 0, runtime: 0, memory: 0)
    for i in 0..<Self.iterations {
      var bytes = Array(Self.seeds[i % Self.seeds.count].utf8)
      for _ in 0..<Int.random(in: 1...6, using: &random) {
        let position = Int.random(in: 0...bytes.count, using: &random)
        switch Int.random(in: 0..<4, using: &random) {
        case 0 where !bytes.isEmpty: bytes.remove(at: min(position, bytes.count - 1))
        case 1: bytes.insert(alphabet.randomElement(using: &random)!, at: position)
        case 2 where !bytes.isEmpty: bytes[min(position, bytes.count - 1)] = UInt8.random(in: 0...255, using: &random)
        default:
          let cut = Int.random(in: 0...bytes.count, using: &random)
          bytes = Array(bytes[..<min(cut, bytes.count)]) + Array(bytes[min(position, bytes.count)...])
        }
      }
      let lua = try LuaState(memoryLimit: 8_000_000)
      lua.setTimeLimit(0.5)
      do {
        try lua.load(bytes, name: "=fuzz")
        _ = try lua.pcall(arguments: 0)
        outcomes.ok += 1
      } catch let e as LuaError {
        switch e.kind {
        case .syntax: outcomes.syntax += 1
        case .memory: outcomes.memory += 1
        default: outcomes.runtime += 1
        }
        #expect(!e.message.isEmpty)
      }
    }
    #expect(outcomes.ok + outcomes.syntax + outcomes.runtime + outcomes.memory == Self.iterations)
    #expect(outcomes.syntax > 0 && outcomes.ok > 0, "mutations should both break and keep chunks: \(outcomes)")
  }

  @Test func binaryChunkHeadersAreAlwaysRefused() throws {
    var random = SplitMix64(seed: 7)
    let lua = try LuaState()
    for _ in 0..<200 {
      var bytes: [UInt8] = [0x1B] + Array("Lua".utf8)
      for _ in 0..<Int.random(in: 0...64, using: &random) { bytes.append(UInt8.random(in: 0...255, using: &random)) }
      #expect(throws: LuaError.self) { try lua.load(bytes, name: "=binary") }
    }
  }
}
