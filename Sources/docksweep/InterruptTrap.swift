import DockSweep
import Foundation

/// The interrupt handle the signal handler pokes; set while a session runs.
nonisolated(unsafe) private var activeInterrupt: InterruptHandle?

/// Turns SIGINT and SIGTERM into a Lua interrupt (`interrupted!`) while a
/// session runs. A second signal before the first is handled ends the process.
final class InterruptTrap {
  init(_ handle: InterruptHandle) {
    activeInterrupt = handle
    signal(SIGINT, Self.handler)
    signal(SIGTERM, Self.handler)
  }

  /// Restores the default signal dispositions.
  func restore() {
    signal(SIGINT, SIG_DFL)
    signal(SIGTERM, SIG_DFL)
    activeInterrupt = nil
  }

  private static let handler: @convention(c) (Int32) -> Void = { sig in
    guard let handle = activeInterrupt else { _exit(128 + sig) }
    if handle.isPending { _exit(128 + sig) }
    handle.interrupt()
  }
}
