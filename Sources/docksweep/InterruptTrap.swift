import DockSweep
import FoundationEssentials
import Glibc

/// The interrupt handle the signal handler pokes; set while a session runs.
nonisolated(unsafe) private var activeInterrupt: InterruptHandle?
/// Whether code is running that a signal should stop (see ``InterruptTrap/disarm()``).
nonisolated(unsafe) private var trapArmed: sig_atomic_t = 1

/// Turns SIGINT and SIGTERM into a Lua interrupt (`interrupted!`) while a
/// session runs. A second signal before the first is handled ends the process.
///
/// The REPL keeps one trap for its whole life and disarms it between inputs:
/// disarmed, SIGINT is ignored (there is nothing to stop; the line editor
/// handles Ctrl-C at the prompt itself) and SIGTERM ends the process.
final class InterruptTrap {
  /// Installs the handler, and unblocks SIGINT and SIGTERM on the calling thread (the one that runs Lua):
  /// a mask inherited from the parent must not leave Ctrl-C without effect.
  init(_ handle: InterruptHandle) {
    activeInterrupt = handle
    trapArmed = 1
    signal(SIGINT, Self.handler)
    signal(SIGTERM, Self.handler)
    var signals = sigset_t()
    sigemptyset(&signals)
    sigaddset(&signals, SIGINT)
    sigaddset(&signals, SIGTERM)
    pthread_sigmask(SIG_UNBLOCK, &signals, nil)
  }

  /// Signals interrupt running code again.
  func arm() { trapArmed = 1 }

  /// No code runs: SIGINT does nothing, SIGTERM ends the process.
  func disarm() { trapArmed = 0 }

  /// Restores the default signal dispositions.
  func restore() {
    signal(SIGINT, SIG_DFL)
    signal(SIGTERM, SIG_DFL)
    activeInterrupt = nil
    trapArmed = 1
  }

  private static let handler: @convention(c) (Int32) -> Void = { sig in
    guard let handle = activeInterrupt else { _exit(128 + sig) }
    if trapArmed == 0 {
      if sig == SIGINT { return }
      _exit(128 + sig)
    }
    if handle.isPending { _exit(128 + sig) }
    handle.interrupt()
  }
}
