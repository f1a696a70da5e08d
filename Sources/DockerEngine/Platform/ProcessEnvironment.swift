import Glibc

/// The process's environment variables, read from `environ`: what
/// `ProcessInfo.processInfo.environment` gives, without setting up Foundation's process information (a
/// cost of every start-up). An entry without `=` is skipped; a repeated name keeps its first value, as
/// `getenv` finds it.
public enum ProcessEnvironment {
  public static func current() -> [String: String] {
    var variables: [String: String] = [:]
    var entry = environ
    while let pointer = entry.pointee {
      let text = String(cString: pointer)
      if let equals = text.utf8.firstIndex(of: UInt8(ascii: "=")) {
        let name = String(text[..<equals])
        if variables[name] == nil { variables[name] = String(text[text.index(after: equals)...]) }
      }
      entry += 1
    }
    return variables
  }

  /// The value of the variable `name`, as `getenv` finds it; nil when it is not set. For one variable,
  /// without building ``current()``'s dictionary of all of them.
  public static func value(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
  }
}
