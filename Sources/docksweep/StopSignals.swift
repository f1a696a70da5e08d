import Dispatch
import FoundationEssentials
import Glibc
import NIOConcurrencyHelpers

/// SIGTERM and SIGINT as events (not handlers): the first calls `stop`, a second ends the process.
final class StopSignals: @unchecked Sendable {
  private var sources: [any DispatchSourceSignal] = []
  private var received = false
  private let lock = NIOLock()

  init(stop: @escaping @Sendable () -> Void) {
    for sig in [SIGTERM, SIGINT] {
      signal(sig, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
      source.setEventHandler { [self] in
        let again = lock.withLock {
          defer { received = true }
          return received
        }
        if again { exit(128 + sig) }
        stop()
      }
      source.resume()
      sources.append(source)
    }
  }

  func cancel() {
    for s in sources { s.cancel() }
    signal(SIGTERM, SIG_DFL)
    signal(SIGINT, SIG_DFL)
  }
}
