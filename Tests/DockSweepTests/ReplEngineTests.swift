import DockSweep
import Testing

/// The REPL without a terminal follows `lua`: expressions print, `=expr` returns, incomplete input waits
/// for more, errors print and the session goes on; Tab completes globals, fields and methods.
@Suite struct ReplEngineTests {
  let session: Session
  let output: OutputBuffer
  let repl: ReplEngine

  init() throws {
    (session, output) = try SessionHarness.make()
    repl = ReplEngine(session: session)
  }

  /// The output of a complete input.
  func eval(_ line: String) -> String? {
    guard case .done(let text, _) = repl.submit(line) else { return nil }
    return text
  }

  @Test func incompleteInputContinues() {
    #expect(repl.prompt == "> ")
    #expect(repl.submit("for i = 1, 2 do") == .needsMore)
    #expect(repl.isContinuing)
    #expect(repl.prompt == ">> ")
    #expect(repl.submit("  print(i)") == .needsMore)
    #expect(repl.submit("end") == .done(output: "", entry: "for i = 1, 2 do\n  print(i)\nend"))
    #expect(!repl.isContinuing)
    #expect(repl.prompt == "> ")
    #expect(output.take() == "1\n2\n")
  }

  @Test func unfinishedStringAndFunctionContinue() {
    #expect(repl.submit("function double(x)") == .needsMore)
    #expect(repl.submit("return x * 2") == .needsMore)
    #expect(repl.submit("end") == .done(output: "", entry: "function double(x)\nreturn x * 2\nend"))
    #expect(eval("double(21)") == "42\n")
    #expect(repl.submit("s = [[one") == .needsMore)
    #expect(repl.submit("two]]") == .done(output: "", entry: "s = [[one\ntwo]]"))
    #expect(eval("#s") == "7\n")
  }

  @Test func resetDropsAPartialInput() {
    #expect(repl.submit("if true then") == .needsMore)
    repl.reset()
    #expect(!repl.isContinuing)
    #expect(eval("1") == "1\n")
  }

  @Test func equalsSignReturns() {
    #expect(eval("=1+2") == "3\n")
    #expect(eval("= 'x' .. 'y'") == "xy\n")
  }

  @Test func expressionPrintsItsValue() {
    #expect(repl.submit("1+1") == .done(output: "2\n", entry: "1+1"))
    #expect(eval("10 / 4") == "2.5\n")
    #expect(eval("nil") == "nil\n")
  }

  @Test func multipleResultsAreTabSeparated() {
    #expect(eval("1, 'two', nil, true") == "1\ttwo\tnil\ttrue\n")
    #expect(eval("string.find('hello', 'l')") == "3\t3\n")
  }

  @Test func tablesPrintTheirContents() {
    #expect(eval("{1, 2, x = 'y'}") == "{ 1, 2, x = \"y\" }\n")
    #expect(eval("{}") == "{}\n")
  }

  @Test func statementsPrintNothing() {
    #expect(repl.submit("x = 5") == .done(output: "", entry: "x = 5"))
    #expect(output.text.isEmpty)
  }

  @Test func globalsPersistAndLocalsEndWithTheInput() {
    #expect(eval("kept = 5") == "")
    #expect(eval("local gone = 1") == "")
    #expect(eval("kept, gone") == "5\tnil\n")
  }

  @Test func errorThenAWorkingLine() {
    let failure = eval("error('boom')") ?? ""
    #expect(failure.hasPrefix("stdin:1: boom"), "\(failure)")
    #expect(failure.contains("stack traceback:"), "\(failure)")
    #expect(eval("=6*7") == "42\n")

    let syntax = eval("x = = 1") ?? ""
    #expect(syntax.contains("unexpected symbol"), "\(syntax)")
    #expect(!repl.isContinuing)
    #expect(eval("'still here'") == "still here\n")
  }

  @Test func runtimeErrorsOfBindingsPrint() {
    let failure = eval("units.bytes('12 parsecs')") ?? ""
    #expect(failure.contains("bad argument #1 to 'bytes'"), "\(failure)")
    #expect(eval("units.bytes('1.5GB')") == "1500000000\n")
  }

  @Test func unitsTimeGivesWholeSecondsAsIntegers() {
    #expect(eval("math.type(units.time('7d'))") == "integer\n")
    #expect(eval("units.time('2020-07-07T00:00:00Z')") == "1594080000\n")
    #expect(eval("units.time('2020-07-07T00:00:00.5Z')") == "1594080000.5\n")
  }

  @Test func customPrompts() {
    #expect(eval("_PROMPT = 'lua> '") == "")
    #expect(eval("_PROMPT2 = '... '") == "")
    #expect(repl.prompt == "lua> ")
    #expect(repl.submit("do") == .needsMore)
    #expect(repl.prompt == "... ")
  }

  @Test func completesModuleFields() {
    #expect(repl.completions(for: "docker.ima") == ["docker.images"])
    #expect(repl.completions(for: "units.b") == ["units.bytes"])
    #expect(
      repl.completions(for: "docker.prune_") == [
        "docker.prune_build_cache", "docker.prune_containers", "docker.prune_images",
      ])
    #expect(repl.completions(for: "print(docker.d") == ["docker.df"])
    #expect(repl.completions(for: "string.for") == ["string.format"])
    #expect(repl.completions(for: "docker.zz").isEmpty)
  }

  @Test func completesMethodsOfCallChains() {
    let matches = repl.completions(for: "docker.images():ma")
    #expect(matches == [":match"], "\(matches)")
    #expect(repl.completions(for: "docker.images():larger_than('1GB'):so") == [":sort_by"])
    #expect(repl.completions(for: "docker.containers():st") == [":stop", ":stopped"])
    #expect(repl.completions(for: "docker.rmi('x'):o") == [":ok"])
    let all = repl.completions(for: "docker.images():")
    #expect(all.contains(":remove") && all.contains(":unused") && all.contains(":older_than"), "\(all)")
  }

  @Test func completesGlobalsAndKeywords() {
    #expect(repl.completions(for: "pri").contains("print"))
    #expect(repl.completions(for: "doc") == ["docker"])
    #expect(repl.completions(for: "whi") == ["while"])
    #expect(repl.completions(for: "x = ipa") == ["ipairs"])
    #expect(eval("my_value = 1") == "")
    #expect(repl.completions(for: "my_v") == ["my_value"])
  }
}
