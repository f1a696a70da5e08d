import NIOCore

/// A whole answer of the engine: status, header fields and body.
struct EngineAnswer: Sendable {
  var status: Int
  var headers: [(name: String, value: String)]
  var body: ByteBuffer

  /// The first value of the header field `name`, compared without case.
  func header(_ name: String) -> String? { WireResponse.field(name, in: headers) }
}
