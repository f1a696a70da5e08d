// A service that embeds docksweep: it runs a cleanup recipe from async code against the engine that
// DOCKER_HOST names and reads what was removed from the typed reports.
//
//   CleanupService [REGEX]    remove the images whose references match REGEX (default ^example/)
import DockSweep
import Foundation

@main
struct CleanupService {
  static func main() async {
    var options = SessionOptions()
    options.environment = ProcessInfo.processInfo.environment
    // Nobody is there to answer [y/N]: the service confirms up front, as `--yes` does.
    options.assumeYes = true
    let pattern = CommandLine.arguments.dropFirst().first ?? "^example/"
    do {
      let session = try Session(options: options, io: .silent)
      let reports = try await session.run(
        ScriptSource(text: "docker.images():match(...):remove()", chunkName: "=cleanup"), arguments: [pattern])
      for report in reports {
        print("removed \(report.untagged.count) references and \(report.deleted.count) layers or images")
        print("reclaimed at most \(report.reclaimed.bytes) bytes; \(report.failed.count) failures")
        for skip in report.skipped { print("kept \(skip.target): \(skip.reason)") }
      }
    } catch let error as SessionError {
      FileHandle.standardError.write(Data("cleanup failed: \(error.message)\n".utf8))
      exit(error.exitCode)
    } catch {
      FileHandle.standardError.write(Data("cleanup failed: \(error)\n".utf8))
      exit(1)
    }
  }
}
