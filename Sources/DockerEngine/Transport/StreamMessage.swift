import FoundationEssentials
import NIOCore

/// One line of the engine's JSON message streams (load, pull): text, progress, or an error.
struct StreamMessage: Decodable {
  var stream: String?
  var status: String?
  var error: String?
  var errorDetail: ErrorDetail?

  struct ErrorDetail: Decodable {
    var message: String?
  }

  /// The error the line reports, if any (`errorDetail.message`, else `error`).
  var errorMessage: String? {
    if let message = errorDetail?.message, !message.isEmpty { return message }
    if let error, !error.isEmpty { return error }
    return nil
  }

  /// Decodes one line; a line that is not a JSON object is a protocol error naming `request`.
  static func decode(_ line: ByteBuffer, request: EngineRequest) throws -> (StreamMessage, ByteBuffer) {
    do {
      return (try JSONDecoder().decode(StreamMessage.self, from: Data(line.readableBytesView)), line)
    } catch {
      throw DockerError(
        kind: .protocolError,
        message: "cannot decode a line of the answer to \(request.summary): \(String(buffer: line))")
    }
  }

  /// Throws a `server` error when the line reports one; the message is the engine's verbatim.
  func check() throws {
    if let message = errorMessage {
      throw DockerError(kind: .server, message: message)
    }
  }
}
