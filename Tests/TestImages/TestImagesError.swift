/// A failure of the test-image helpers, with a message meant for the person reading the test log.
public struct TestImagesError: Error, CustomStringConvertible, Sendable {
  /// What went wrong and, where there is one, what to do about it.
  public let message: String

  /// An error carrying `message`.
  public init(_ message: String) {
    self.message = message
  }

  public var description: String { message }
}
