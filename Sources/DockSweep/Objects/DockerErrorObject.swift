import DockerEngine
import LuaBridge

/// A `DockerError` as Lua code catches it with `pcall`: fields `kind`
/// (`"conflict"`, `"not_found"`, ...), `status`, `message`; prints as the CLI does.
final class DockerErrorObject: LuaClass {
  static let luaTypeName = "docker.Error"
  static let className = "DockerError"
  static let summary = "an engine error raised by docker.rmi and friends"
  static let fields: [Field<DockerErrorObject>] = [
    Field("kind", "string") { .string($0.kind) },
    Field("status", "integer?") { o in o.error.status.map { .integer(Int64($0)) } ?? .nil },
    Field("message", "string") { .string($0.error.message) },
  ]
  let error: DockerError
  /// Where the failing call was made, `chunk:line: `.
  let position: String

  init(_ error: DockerError, position: String = "") {
    self.error = error
    self.position = position
  }

  /// What `tostring` shows: the position, then the docker CLI's wording.
  var text: String { position + error.description }

  /// `notFound` → `not_found`.
  var kind: String {
    error.kind.rawValue.reduce(into: "") { out, c in
      if c.isUppercase { out += "_" + c.lowercased() } else { out.append(c) }
    }
  }
}

/// Thrown by bindings: raises the engine's error as a `docker.Error` object.
struct RaisedDockerError: LuaRaisable {
  let error: DockerError
  func luaErrorValue(_ call: LuaCall) -> LuaValue { .object(DockerErrorObject(error, position: call.callerPosition())) }
}
