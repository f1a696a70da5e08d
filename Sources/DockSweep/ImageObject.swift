import DockerEngine
import Foundation
import LuaBridge

/// One image as Lua sees it (`list[1]`, the argument of `:filter`).
final class ImageObject: LuaObject {
  static let luaTypeName = "docker.Image"
  let item: ImageItem
  let usage: ContainerUsage

  init(_ item: ImageItem, usage: ContainerUsage) {
    self.item = item
    self.usage = usage
  }

  func field(_ key: String) throws -> LuaValue {
    let s = item.summary
    switch key {
    case "id": return .string(s.id)
    case "short_id": return .string(item.shortID)
    case "tags": return .table(LuaTable(array: item.refs.map { .string($0) }))
    case "repository": return .string(item.refs.first.map { ImageItem.split($0).repository } ?? "<none>")
    case "tag": return .string(item.refs.first.map { ImageItem.split($0).tag } ?? "<none>")
    case "digests": return .table(LuaTable(array: s.repoDigests.map { .string($0) }))
    case "created": return .integer(s.created)
    case "size": return .integer(s.size)
    // The engine reports -1 when it did not compute it (always before API 1.42).
    case "shared_size": return s.sharedSize < 0 ? .nil : .integer(s.sharedSize)
    case "labels": return .table(LuaTable(fields: s.labels.mapValues { .string($0) }))
    case "containers": return .integer(Int64(try usage.count(for: s)))
    case "dangling": return .boolean(s.repoTags.isEmpty)
    case "parent_id": return .string(s.parentID)
    default: return .nil
    }
  }

  var text: String {
    let name = item.refs.first ?? "<none>:<none>"
    let age = HumanDuration.ago(Date(timeIntervalSince1970: TimeInterval(item.summary.created)), now: Date())
    return "docker.Image: \(name) (\(item.shortID), \(ByteSize.image(item.summary.size)), created \(age))"
  }
}
