import DockerEngine
import LuaBridge

extension DockerModule {
  /// The metatables of single objects: images, containers, reports, errors and df.
  var objectTypes:
    (
      image: LuaObjectType, container: LuaObjectType, report: LuaObjectType, error: LuaObjectType,
      diskUsage: LuaObjectType
    )
  {
    let session = self.session
    var image = LuaObjectType(
      name: ImageObject.luaTypeName,
      methods: [
        "remove": { call in
          let o = try call.object(1, as: ImageObject.self)
          let opts = try call.options(2, allowed: ["force", "prune"])
          let removal = ImageRemoval(
            session: session, force: try opts?.bool("force", default: false, position: 2) ?? false,
            prune: try opts?.bool("prune", default: true, position: 2) ?? true)
          return [.object(try removal.run([o.item]))]
        }
      ])
    image.field = { _, obj, key in try (obj as! ImageObject).field(key) }
    image.toString = { ($0 as! ImageObject).text }
    image.equals = { ($0 as! ImageObject).item.summary.id == ($1 as! ImageObject).item.summary.id }

    var container = LuaObjectType(
      name: ContainerObject.luaTypeName,
      methods: [
        "remove": { call in
          let c = try call.object(1, as: ContainerObject.self)
          let opts = try call.options(2, allowed: ["force", "volumes"])
          let action = ContainerOperation.Action.remove(
            force: try opts?.bool("force", default: false, position: 2) ?? false,
            volumes: try opts?.bool("volumes", default: false, position: 2) ?? false)
          return [.object(try ContainerOperation(session: session, action: action).run([c.summary]))]
        },
        "stop": { call in
          let c = try call.object(1, as: ContainerObject.self)
          let opts = try call.options(2, allowed: ["timeout"])
          let timeout = try opts?.integer("timeout", position: 2).map { Int($0) }
          return [.object(try ContainerOperation(session: session, action: .stop(timeout: timeout)).run([c.summary]))]
        },
      ])
    container.field = { _, obj, key in (obj as! ContainerObject).field(key) }
    container.toString = { ($0 as! ContainerObject).text }
    container.equals = { ($0 as! ContainerObject).summary.id == ($1 as! ContainerObject).summary.id }

    var report = LuaObjectType(
      name: Report.luaTypeName,
      methods: [
        "ok": { call in
          let r = try call.object(1, as: Report.self)
          r.handled = true
          return [.boolean(r.ok)]
        }
      ])
    report.field = { _, obj, key in (obj as! Report).field(key) ?? .nil }
    report.toString = { ($0 as! Report).text }

    var error = LuaObjectType(name: DockerErrorObject.luaTypeName)
    error.field = { _, obj, key in (obj as! DockerErrorObject).field(key) }
    error.toString = { ($0 as! DockerErrorObject).text }

    var df = LuaObjectType(name: DiskUsage.luaTypeName)
    df.field = { _, obj, key in (obj as! DiskUsage).field(key) }
    df.toString = { ($0 as! DiskUsage).text }
    return (image, container, report, error, df)
  }
}
