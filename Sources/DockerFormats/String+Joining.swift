extension String {
  /// `parts` with `separator` between them, as `parts.joined(separator:)` gives, without the standard
  /// library's generic entry point: its first call in a process looks up the collection's element type at
  /// run time (a scan of every conformance record). For code that runs at every start.
  public init(joining parts: [String], separator: String) {
    var text = ""
    for (i, part) in parts.enumerated() {
      if i > 0 { text += separator }
      text += part
    }
    self = text
  }
}
