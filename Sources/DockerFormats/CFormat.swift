import Glibc

/// C's `printf` formatting of numbers (`%.2f`, `%09lld`, `%.14g`), without Foundation's `String(format:)`.
public enum CFormat {
  /// `format` applied to `arguments`, as `snprintf` does.
  public static func string(_ format: String, _ arguments: any CVarArg...) -> String {
    var buffer = [CChar](repeating: 0, count: 128)
    let needed = Int(withVaList(arguments) { vsnprintf(&buffer, buffer.count, format, $0) })
    if needed >= buffer.count {
      buffer = [CChar](repeating: 0, count: needed + 1)
      _ = withVaList(arguments) { vsnprintf(&buffer, buffer.count, format, $0) }
    }
    let length = max(0, min(needed, buffer.count - 1))
    return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}
