import DockerEngine
import FoundationEssentials
import LuaBridge

/// One container as Lua sees it.
final class ContainerObject: LuaClass, EngineBound {
  static let className = "Container"
  static let summary = "one container"
  static let fields: [Field<ContainerObject>] = [
    Field("id", "string") { .string($0.summary.id) },
    Field("short_id", "string") { .string($0.summary.shortID) },
    Field("name", "string") { .string($0.summary.name) },
    Field("names", "string[]") { .table(LuaTable(array: $0.summary.bareNames.map { .string($0) })) },
    Field("image", "string") { .string($0.summary.image) },
    Field("image_id", "string") { .string($0.summary.imageID) },
    Field("command", "string") { .string($0.summary.command) },
    Field("created", "integer") { .integer($0.summary.created) },
    Field("created_at", "string") { .string(JSONDocument.rfc3339($0.summary.created)) },
    Field("state", "string") { .string($0.summary.state) },
    Field("status", "string") { .string($0.summary.status) },
    Field("labels", "table<string,string>") { .table(LuaTable(fields: $0.summary.labels.mapValues { .string($0) })) },
  ]

  let summary: ContainerSummary

  weak var module: DockerModule?

  init(_ summary: ContainerSummary) {
    self.summary = summary
  }

  var text: String { "docker.Container: \(summary.name) (\(summary.shortID), \(summary.image), \(summary.status))" }
}
