import ArgumentParser
import DockSweep
import FoundationEssentials
import Glibc

/// Parses the normalized command line (the everyday `run` forms through
/// ``QuickCommandLine``, everything else through swift-argument-parser), runs
/// it, and maps the result to an exit status: 0 success, 1 runtime failure,
/// 2 usage and load errors.
func runMain() -> Int32 {
  let arguments = ArgumentNormalizer.normalize(Array(CommandLine.arguments.dropFirst()))
  ErrorOutput.format = ArgumentNormalizer.format(of: arguments)
  do {
    if arguments == ["--version"] {
      print(try Docksweep.versionText())
      return 0
    }
    if let request = QuickCommandLine.runRequest(arguments) {
      try request.execute()
      return 0
    }
    var command = try Docksweep.parseAsRoot(arguments)
    try command.run()
    return 0
  } catch let error as SessionError {
    ErrorOutput.report(error.message, kind: error.kind.name, status: error.exitCode)
    return error.exitCode
  } catch let error as ExitCode {
    return error.rawValue
  } catch {
    let code = Docksweep.exitCode(for: error)
    if code == .success {
      print(Docksweep.fullMessage(for: error))
      return 0
    }
    let status: Int32 = code == .validationFailure || code.rawValue == 64 ? 2 : code.rawValue
    ErrorOutput.report(Docksweep.message(for: error), kind: status == 2 ? "usage" : "runtime", status: status)
    if code == .validationFailure && ErrorOutput.format == .text {
      ErrorOutput.write("Run 'docksweep --help' for usage.\n")
    }
    return status
  }
}

exit(runMain())
