import AsyncHTTPClient
import NIOCore

/// A whole answer of the engine: status, header fields and body.
struct EngineAnswer: Sendable {
  var status: Int
  var headers: [(name: String, value: String)]
  var body: ByteBuffer

  /// The first value of the header field `name`, compared without case.
  func header(_ name: String) -> String? { WireResponse.field(name, in: headers) }
}

extension EngineAnswer {
  /// The answer AsyncHTTPClient received, with its body collected.
  init(_ response: HTTPClientResponse, body: ByteBuffer) {
    self.init(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) }, body: body)
  }
}
