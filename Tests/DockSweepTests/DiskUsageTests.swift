import DockerEngine
import Testing

@testable import DockSweep

/// `docker.df()` computes each row as the docker CLI computes `docker system df` (API 1.41 lists), or takes
/// the engine's totals when an API ≥ 1.52 engine sends them.
@Suite struct DiskUsageTests {
  static let header = "TYPE            TOTAL     ACTIVE    SIZE      RECLAIMABLE"

  /// A little of everything, with the -1 values engines send for sizes they did not compute.
  static let sample = SystemDiskUsage(
    layersSize: 1000,
    images: [
      ImageSummary(id: "sha256:a", created: 0, size: 600, sharedSize: 100, containers: 1),
      ImageSummary(id: "sha256:b", created: 0, size: 300, sharedSize: 100, containers: 0),
      ImageSummary(id: "sha256:c", created: 0, size: -1, sharedSize: -1, containers: 2),
    ],
    containers: [
      ContainerSummary(id: "c1", state: "running", sizeRw: 10),
      ContainerSummary(id: "c2", state: "exited", sizeRw: 20),
      ContainerSummary(id: "c3", state: "paused"),
    ],
    volumes: [
      VolumeSummary(name: "v1", size: 100, refCount: 0), VolumeSummary(name: "v2", size: 50, refCount: 1),
      VolumeSummary(name: "v3", size: -1, refCount: 0),
    ],
    buildCache: [
      BuildCacheRecord(id: "r1", size: 40), BuildCacheRecord(id: "r2", shared: true, size: 60),
      BuildCacheRecord(id: "r3", inUse: true, size: 10),
    ])

  @Test func rowsFromLists() {
    let df = DiskUsage(Self.sample)
    let images = df.images
    #expect((images.total, images.active, images.size, images.reclaimable) == (3, 2, 1000, 500))
    let containers = df.containers
    #expect((containers.total, containers.active, containers.size, containers.reclaimable) == (3, 2, 30, 20))
    let volumes = df.volumes
    #expect((volumes.total, volumes.active, volumes.size, volumes.reclaimable) == (3, 1, 150, 100))
    let cache = df.buildCache
    #expect((cache.total, cache.active, cache.size, cache.reclaimable) == (3, 1, 50, 40))
  }

  @Test func tableLikeDockerSystemDF() {
    #expect(
      DiskUsage(Self.sample).text == """
        \(Self.header)
        Images          3         2         1kB       500B (50%)
        Containers      3         2         30B       20B (66%)
        Local Volumes   3         1         150B      100B (66%)
        Build Cache     3         1         50B       40B
        """)
  }

  @Test func emptyEngineHasNoPercentages() {
    #expect(
      DiskUsage(SystemDiskUsage()).text == """
        \(Self.header)
        Images          0         0         0B        0B
        Containers      0         0         0B        0B
        Local Volumes   0         0         0B        0B
        Build Cache     0         0         0B        0B
        """)
  }

  @Test func reclaimableNeverNegative() {
    // Engines report SharedSize -1 on some paths; an active image bigger than all layers must not go below 0.
    let df = DiskUsage(
      SystemDiskUsage(
        layersSize: 100, images: [ImageSummary(id: "sha256:a", created: 0, size: 500, sharedSize: 0, containers: 1)]))
    #expect(df.images.reclaimable == 0)
    #expect(df.images.reclaimableCell == "0B (0%)")
  }

  @Test func percentagesTruncate() {
    let row = DiskUsage.Row(type: "Images", total: 3, active: 1, size: 3, reclaimable: 2, showsPercent: true)
    #expect(row.reclaimableCell == "2B (66%)")
    let big = DiskUsage.Row(
      type: "Images", total: 9, active: 1, size: 7_813_000_000, reclaimable: 7_813_000_000, showsPercent: true)
    #expect(big.reclaimableCell == "7.813GB (100%)")
  }

  @Test func engineTotalsWinWhenSent() {
    var usage = Self.sample
    usage.imageUsage = DiskUsageTotals(activeCount: 1, totalCount: 4, reclaimable: 250, totalSize: 1000)
    usage.containerUsage = DiskUsageTotals(
      activeCount: 0, totalCount: 2, reclaimable: 359_100_000, totalSize: 359_100_000)
    usage.volumeUsage = DiskUsageTotals(activeCount: 0, totalCount: 0, reclaimable: 0, totalSize: 0)
    usage.buildCacheUsage = DiskUsageTotals(
      activeCount: 1, totalCount: 5, reclaimable: 16_430_000, totalSize: 20_000_000)
    #expect(
      DiskUsage(usage).text == """
        \(Self.header)
        Images          4         1         1kB       250B (25%)
        Containers      2         0         359.1MB   359.1MB (100%)
        Local Volumes   0         0         0B        0B
        Build Cache     5         1         20MB      16.43MB
        """)
  }
}
