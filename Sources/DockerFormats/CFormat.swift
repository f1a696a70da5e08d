#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// C's `printf` formatting of numbers (`%.2f`, `%09d`, `%.14g`), without Foundation's `String(format:)`.
public enum CFormat {
  /// `format` applied to `arguments`, as `snprintf` does.
  public static func string(_ format: String, _ arguments: any CVarArg...) -> String {
    withVaList(arguments) { list in
      var buffer = [CChar](repeating: 0, count: 128)
      let needed = Int(vsnprintf(&buffer, buffer.count, format, list))
      guard needed >= buffer.count else { return String(cString: buffer) }
      buffer = [CChar](repeating: 0, count: needed + 1)
      return withVaList(arguments) { again in
        _ = vsnprintf(&buffer, buffer.count, format, again)
        return String(cString: buffer)
      }
    }
  }
}
