import DockSweep
import Glibc
import LuaBridge
import Testing

/// `SessionOptions.runsOnCallingThread`: the command line's sessions run Lua on the main thread.
@Suite struct CallingThreadTests {
  func luaThread(of session: Session) throws -> pthread_t {
    try session.withLua { _ in pthread_self() }
  }

  @Test func aSessionOnItsCallingThreadRunsLuaThere() throws {
    var options = SessionOptions()
    options.runsOnCallingThread = true
    let session = try Session(options: options, io: .silent)
    #expect(pthread_equal(try luaThread(of: session), pthread_self()) != 0)
    try session.run(ScriptSource(text: "answer = 40 + 2"))
    let answer = try session.withLua { $0.global("answer") }
    guard case .integer(42) = answer else {
      Issue.record("answer is \(answer)")
      return
    }
  }

  @Test func anOrdinarySessionRunsLuaOnAThreadOfItsOwn() throws {
    let session = try Session(options: SessionOptions(), io: .silent)
    #expect(pthread_equal(try luaThread(of: session), pthread_self()) == 0)
  }
}
