import DockerEngine
import Foundation
import Testing

@Suite struct ProcessEnvironmentTests {
  /// One test: other tests of the process may set variables of their own meanwhile.
  @Test func readsWhatFoundationReadsIncludingEmptyValuesAndEqualsSigns() {
    setenv("DOCKSWEEP_TEST_ENVIRONMENT", "a=b c", 1)
    setenv("DOCKSWEEP_TEST_EMPTY", "", 1)
    defer {
      unsetenv("DOCKSWEEP_TEST_ENVIRONMENT")
      unsetenv("DOCKSWEEP_TEST_EMPTY")
    }
    let ours = ProcessEnvironment.current()
    let foundation = ProcessInfo.processInfo.environment
    #expect(ours["DOCKSWEEP_TEST_ENVIRONMENT"] == "a=b c")
    #expect(ours["DOCKSWEEP_TEST_EMPTY"] == "")
    for name in ["PATH", "HOME", "DOCKSWEEP_TEST_ENVIRONMENT", "DOCKSWEEP_TEST_EMPTY"] {
      #expect(ours[name] == foundation[name], "\(name)")
    }
    #expect(ours["DOCKSWEEP_TEST_UNSET"] == nil)
    for name in ["PATH", "DOCKSWEEP_TEST_ENVIRONMENT", "DOCKSWEEP_TEST_EMPTY", "DOCKSWEEP_TEST_UNSET"] {
      #expect(ProcessEnvironment.value(name) == ours[name], "\(name)")
    }
  }
}
