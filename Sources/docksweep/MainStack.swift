import DockSweep
import Glibc

/// The main thread's stack, as `ulimit -s` set it.
enum MainStack {
  /// Whether it holds as much as the thread a session otherwise starts for Lua, or is unlimited.
  static var isLarge: Bool {
    var limit = rlimit()
    guard getrlimit(__rlimit_resource_t(RLIMIT_STACK.rawValue), &limit) == 0 else { return false }
    return limit.rlim_cur == rlim_t.max || limit.rlim_cur >= Session.luaStackSize
  }
}
