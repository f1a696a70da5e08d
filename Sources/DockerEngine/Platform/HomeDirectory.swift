import Glibc

/// The user's home directory: `HOME` when set and not empty, else the password database's entry for the
/// user, else `/`.
public enum HomeDirectory {
  public static func path(environment: [String: String]) -> String {
    if let home = environment["HOME"], !home.isEmpty { return home }
    if let entry = getpwuid(getuid()), let dir = entry.pointee.pw_dir { return String(cString: dir) }
    return "/"
  }
}
