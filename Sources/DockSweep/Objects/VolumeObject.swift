import DockerEngine
import DockerFormats
import FoundationEssentials
import LuaBridge

/// One volume as Lua sees it.
final class VolumeObject: LuaClass {
  static let className = "Volume"
  static let summary = "one volume"
  static let fields: [Field<VolumeObject>] = [
    Field("name", "string") { .string($0.volume.name) },
    Field("driver", "string") { .string($0.volume.driver) },
    Field("mountpoint", "string") { .string($0.volume.mountpoint) },
    Field("created", "integer") { .integer(VolumeList.created($0.volume)) },
    Field("created_at", "string") { .string(JSONDocument.rfc3339(VolumeList.created($0.volume))) },
    Field("labels", "table<string,string>") { .table(LuaTable(fields: $0.volume.labels.mapValues { .string($0) })) },
    // -1 from the engine: not measured.
    Field("size", "integer?") { $0.volume.size < 0 ? .nil : .integer($0.volume.size) },
    Field("containers", "integer?") { $0.volume.refCount < 0 ? .nil : .integer(Int64($0.volume.refCount)) },
  ]

  let volume: VolumeSummary

  init(_ volume: VolumeSummary) {
    self.volume = volume
  }

  var text: String {
    "docker.Volume: \(volume.name) (\(volume.driver)\(volume.size >= 0 ? ", " + ByteSize.df(volume.size) : ""))"
  }
}
