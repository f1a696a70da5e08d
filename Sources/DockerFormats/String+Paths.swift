extension String {
  /// The directory part of a path: everything before the last `/` (`/` for a file at the root, `.` for a
  /// name without one).
  public var parentDirectory: String {
    guard let slash = lastIndex(of: "/") else { return "." }
    return slash == startIndex ? "/" : String(self[..<slash])
  }
}
