import DockSweep
import Foundation

/// Text a session wrote, collected from any thread.
final class OutputBuffer: @unchecked Sendable {
  private let lock = NSLock()
  private var output = ""
  private var errors = ""

  /// What `print` and `io.write` wrote.
  var text: String { lock.withLock { output } }
  /// What went to the error stream.
  var errorText: String { lock.withLock { errors } }

  /// Returns what was written so far and forgets it.
  func take() -> String {
    lock.withLock {
      defer { output = "" }
      return output
    }
  }

  /// An IO writing into this buffer; questions get no answer (end of input).
  var io: SessionIO {
    SessionIO(
      write: { text in self.lock.withLock { self.output += text } },
      writeError: { text in self.lock.withLock { self.errors += text } },
      ask: { _ in nil })
  }
}

/// Sessions for tests: output captured, no terminal, and an engine address that is never reached unless a
/// test gives the real one.
enum SessionHarness {
  static func make(_ configure: (inout SessionOptions) -> Void = { _ in }) throws -> (Session, OutputBuffer) {
    var options = SessionOptions()
    options.environment = ["DOCKER_HOST": "unix:///nonexistent/docksweep-tests.sock"]
    configure(&options)
    let buffer = OutputBuffer()
    return (try Session(options: options, io: buffer.io), buffer)
  }
}
