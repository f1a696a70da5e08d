/// A one-line progress counter on the error stream (`Removing images 12/100`),
/// drawn only at a terminal and only for more than a few items.
struct Progress: Sendable {
  let label: String
  let total: Int
  let enabled: Bool
  let io: SessionIO

  init(_ label: String, total: Int, session: Session) {
    self.label = label
    self.total = total
    self.enabled = session.options.showProgress && total > 3
    self.io = session.io
  }

  func update(_ done: Int) {
    guard enabled else { return }
    io.writeError("\r\(label) \(done)/\(total)")
  }

  func finish() {
    guard enabled else { return }
    io.writeError("\r\u{1B}[K")
  }
}
