import DockerEngine
import DockerFormats
import LuaBridge

/// `docker.df()`: the numbers `docker system df` prints, computed as the CLI
/// computes them (or taken from the engine where API ≥ 1.52 sends totals).
final class DiskUsage: LuaClass {
  static let className = "DiskUsage"
  static let summary = "`docker system df`"
  static let fields: [Field<DiskUsage>] = [
    Field("images", "DiskUsageRow") { .table($0.images.table) },
    Field("containers", "DiskUsageRow") { .table($0.containers.table) },
    Field("volumes", "DiskUsageRow") { .table($0.volumes.table) },
    Field("build_cache", "DiskUsageRow") { .table($0.buildCache.table) },
  ]
  /// The table each of the fields holds.
  static let rowDocumentation = ClassDocumentation(
    name: "DiskUsageRow", summary: "one row of docker.df()",
    fields: [("total", "integer"), ("active", "integer"), ("size", "integer"), ("reclaimable", "integer")])

  struct Row {
    let type: String
    let total: Int64
    let active: Int64
    let size: Int64
    let reclaimable: Int64
    let showsPercent: Bool

    var reclaimableCell: String {
      let text = ByteSize.df(reclaimable)
      guard showsPercent, size > 0 else { return text }
      return "\(text) (\(reclaimable * 100 / size)%)"
    }

    var table: LuaTable {
      LuaTable(fields: [
        "total": .integer(total), "active": .integer(active), "size": .integer(size),
        "reclaimable": .integer(reclaimable),
      ])
    }
  }

  let images: Row
  let containers: Row
  let volumes: Row
  let buildCache: Row

  init(_ df: SystemDiskUsage) {
    if let u = df.imageUsage {
      images = Row(
        type: "Images", total: u.totalCount, active: u.activeCount, size: u.totalSize, reclaimable: u.reclaimable,
        showsPercent: true)
    } else {
      let size = df.layersSize ?? 0
      var used: Int64 = 0
      var active: Int64 = 0
      for image in df.images where image.containers > 0 {
        active += 1
        if image.size != -1 && image.sharedSize != -1 { used += image.size - image.sharedSize }
      }
      images = Row(
        type: "Images", total: Int64(df.images.count), active: active, size: size, reclaimable: max(0, size - used),
        showsPercent: true)
    }
    if let u = df.containerUsage {
      containers = Row(
        type: "Containers", total: u.totalCount, active: u.activeCount, size: u.totalSize,
        reclaimable: u.reclaimable, showsPercent: true)
    } else {
      let size = df.containers.reduce(Int64(0)) { $0 + ($1.sizeRw ?? 0) }
      let inactive = df.containers.filter { !$0.isRunning }.reduce(Int64(0)) { $0 + ($1.sizeRw ?? 0) }
      containers = Row(
        type: "Containers", total: Int64(df.containers.count),
        active: Int64(df.containers.filter(\.isRunning).count), size: size, reclaimable: inactive, showsPercent: true)
    }
    if let u = df.volumeUsage {
      volumes = Row(
        type: "Local Volumes", total: u.totalCount, active: u.activeCount, size: u.totalSize,
        reclaimable: u.reclaimable, showsPercent: true)
    } else {
      let sizes = df.volumes.filter { $0.size != -1 }
      volumes = Row(
        type: "Local Volumes", total: Int64(df.volumes.count),
        active: Int64(df.volumes.filter { $0.refCount > 0 }.count), size: sizes.reduce(0) { $0 + $1.size },
        reclaimable: sizes.filter { $0.refCount == 0 }.reduce(0) { $0 + $1.size }, showsPercent: true)
    }
    if let u = df.buildCacheUsage {
      buildCache = Row(
        type: "Build Cache", total: u.totalCount, active: u.activeCount, size: u.totalSize,
        reclaimable: u.reclaimable, showsPercent: false)
    } else {
      let own = df.buildCache.filter { !$0.shared }
      buildCache = Row(
        type: "Build Cache", total: Int64(df.buildCache.count), active: Int64(df.buildCache.filter(\.inUse).count),
        size: own.reduce(0) { $0 + $1.size }, reclaimable: own.filter { !$0.inUse }.reduce(0) { $0 + $1.size },
        showsPercent: false)
    }
  }

  var rows: [Row] { [images, containers, volumes, buildCache] }

  /// The table `docker system df` prints.
  var text: String {
    TextTable.render(
      header: ["TYPE", "TOTAL", "ACTIVE", "SIZE", "RECLAIMABLE"],
      rows: rows.map { [$0.type, String($0.total), String($0.active), ByteSize.df($0.size), $0.reclaimableCell] }
    ).trimmingTrailingNewline
  }
}
