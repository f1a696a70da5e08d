import DockerEngine
import Foundation
import Testing

/// Models decoded from answers as engines of different API versions write them.
@Suite struct ModelDecodingTests {
  private func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
    try JSONDecoder().decode(type, from: Data(json.utf8))
  }

  /// `GET /images/json` from dockerd 20.10 (API 1.41).
  static let images141 = """
    [{"Containers":-1,"Created":1593119265,"Id":"sha256:aaaa","Labels":{"maintainer":"x"},"ParentId":"",
      "RepoDigests":["postgres@sha256:1111"],"RepoTags":["postgres:13-beta2","myorg/pg:keep"],"SharedSize":-1,
      "Size":314000000,"VirtualSize":314000000},
     {"Containers":-1,"Created":1591783200,"Id":"sha256:bbbb","Labels":null,"ParentId":"",
      "RepoDigests":["<none>@<none>"],"RepoTags":["<none>:<none>"],"SharedSize":-1,"Size":8000000,
      "VirtualSize":8000000}]
    """

  /// `GET /images/json` from an API 1.44+ engine: `RepoTags: []`, no `VirtualSize`, counted containers.
  static let images144 = """
    [{"Containers":2,"Created":1593119265,"Id":"sha256:aaaa","Labels":{},"ParentId":"",
      "RepoDigests":[],"RepoTags":["postgres:13-beta2"],"SharedSize":-1,"Size":314000000,
      "Descriptor":{"mediaType":"application/vnd.oci.image.index.v1+json","digest":"sha256:cc","size":100}},
     {"Containers":0,"Created":1591783200,"Id":"sha256:bbbb","Labels":{},"ParentId":"","RepoDigests":[],
      "RepoTags":[],"SharedSize":-1,"Size":8000000}]
    """

  @Test func imagesOfAPI141() throws {
    let images = try decode([ImageSummary].self, Self.images141)
    #expect(images[0].repoTags == ["postgres:13-beta2", "myorg/pg:keep"])
    #expect(images[0].repoDigests == ["postgres@sha256:1111"])
    #expect(images[0].virtualSize == 314_000_000)
    #expect(images[0].containers == -1)
    #expect(images[0].created == 1_593_119_265)
    #expect(images[0].labels == ["maintainer": "x"])
    #expect(images[1].repoTags == [])
    #expect(images[1].repoDigests == [])
    #expect(images[1].isDangling)
    #expect(images[1].labels == [:])
  }

  @Test func imagesOfAPI144() throws {
    let images = try decode([ImageSummary].self, Self.images144)
    #expect(images[0].virtualSize == nil)
    #expect(images[0].containers == 2)
    #expect(images[0].sharedSize == -1)
    #expect(images[1].repoTags == [])
    #expect(images[1].isDangling)
    #expect(images[1].containers == 0)
  }

  @Test func minimalImageDecodesWithDefaults() throws {
    let image = try decode(ImageSummary.self, #"{"Id":"sha256:x","RepoTags":null}"#)
    #expect(image == ImageSummary(id: "sha256:x", created: 0, size: 0))
  }

  @Test func deleteItemsAndPruneReport() throws {
    let items = try decode(
      [ImageDeleteItem].self,
      #"[{"Untagged":"postgres:13-beta2-alpine"},{"Deleted":"sha256:abc"},{"Deleted":"sha256:def"}]"#)
    #expect(items == [.untagged("postgres:13-beta2-alpine"), .deleted("sha256:abc"), .deleted("sha256:def")])
    #expect(
      items.map(\.cliLine) == ["Untagged: postgres:13-beta2-alpine", "Deleted: sha256:abc", "Deleted: sha256:def"])
    #expect(throws: DecodingError.self) { try decode(ImageDeleteItem.self, "{}") }

    let report = try decode(
      ImagePruneReport.self, #"{"ImagesDeleted":[{"Untagged":"a:1"},{"Deleted":"sha256:1"}],"SpaceReclaimed":16430000}"#
    )
    #expect(report.deleted == [.untagged("a:1"), .deleted("sha256:1")])
    #expect(report.spaceReclaimed == 16_430_000)
    let nothing = try decode(ImagePruneReport.self, #"{"ImagesDeleted":null,"SpaceReclaimed":0}"#)
    #expect(nothing.deleted.isEmpty)

    let containers = try decode(ContainerPruneReport.self, #"{"ContainersDeleted":["c1","c2"],"SpaceReclaimed":12}"#)
    #expect(containers == ContainerPruneReport(deleted: ["c1", "c2"], spaceReclaimed: 12))
    #expect(try decode(ContainerPruneReport.self, #"{"ContainersDeleted":null}"#).deleted == [])
  }

  @Test func containerSummary() throws {
    let json = """
      [{"Id":"8dfafdbc3a40","Names":["/boring_feynman"],"Image":"demo/app:1.0","ImageID":"sha256:d74508fb",
        "Command":"sleep 3600","Created":1367854155,"State":"exited","Status":"Exited (0) 2 hours ago",
        "Ports":[{"PrivatePort":2222,"PublicPort":3333,"Type":"tcp","IP":"0.0.0.0"}],"Labels":{"a":"b"},
        "SizeRw":12288,"SizeRootFs":0,"HostConfig":{"NetworkMode":"none"},"NetworkSettings":{"Networks":{}},
        "Mounts":[]}]
      """
    let container = try #require(try decode([ContainerSummary].self, json).first)
    #expect(container.name == "boring_feynman")
    #expect(container.state == "exited")
    #expect(!container.isActive)
    #expect(container.sizeRw == 12_288)
    #expect(container.ports == [.init(ip: "0.0.0.0", privatePort: 2222, publicPort: 3333, type: "tcp")])
    #expect(container.networkMode == "none")
    let bare = try decode(ContainerSummary.self, #"{"Id":"0123456789abcdef","Names":null,"State":"running"}"#)
    #expect(bare.name == "0123456789ab")
    #expect(bare.isActive)
    #expect(bare.sizeRw == nil)
  }

  @Test func diskUsageOfAPI141() throws {
    let json = """
      {"LayersSize":1092588,
       "Images":[{"Containers":1,"Created":1,"Id":"sha256:a","Labels":{},"ParentId":"","RepoDigests":[],
                  "RepoTags":["busybox:latest"],"SharedSize":0,"Size":1092588,"VirtualSize":1092588}],
       "Containers":[{"Id":"e575172ed11d","Names":["/top"],"Image":"busybox","ImageID":"sha256:a",
                      "Command":"top","Created":1472592424,"SizeRw":10,"SizeRootFs":1092588,"Labels":{},
                      "State":"exited","Status":"Exited (0) 56 minutes ago","HostConfig":{"NetworkMode":"default"},
                      "Mounts":[]}],
       "Volumes":[{"Name":"my-volume","Driver":"local","Mountpoint":"/var/lib/docker/volumes/my-volume/_data",
                   "Labels":null,"Scope":"local","Options":null,"UsageData":{"Size":10920104,"RefCount":2}}],
       "BuildCache":[{"ID":"hw53o5aio51xtltp5xjp8v7fx","Parent":"","Type":"regular","Description":"pulled",
                      "InUse":false,"Shared":true,"Size":51,"CreatedAt":"2021-06-28T13:31:01.474619385Z",
                      "LastUsedAt":"2021-07-07T22:02:32.738075951Z","UsageCount":26}]}
      """
    let usage = try decode(SystemDiskUsage.self, json)
    #expect(usage.layersSize == 1_092_588)
    #expect(usage.images.first?.containers == 1)
    #expect(usage.containers.first?.sizeRw == 10)
    #expect(usage.volumes.first?.size == 10_920_104)
    #expect(usage.volumes.first?.refCount == 2)
    #expect(usage.volumes.first?.labels == [:])
    #expect(usage.buildCache.first?.shared == true)
    #expect(usage.buildCache.first?.usageCount == 26)
    #expect(usage.imageUsage == nil)
  }

  @Test func diskUsageOfAPI152WithoutItems() throws {
    let json = """
      {"ImageUsage":{"ActiveCount":1,"TotalCount":4,"Reclaimable":12345678,"TotalSize":98765432},
       "ContainerUsage":{"ActiveCount":1,"TotalCount":4,"Reclaimable":5,"TotalSize":7},
       "VolumeUsage":{"ActiveCount":0,"TotalCount":0,"Reclaimable":0,"TotalSize":0},
       "BuildCacheUsage":{"ActiveCount":0,"TotalCount":1,"Reclaimable":51,"TotalSize":51}}
      """
    let usage = try decode(SystemDiskUsage.self, json)
    #expect(usage.images.isEmpty)
    #expect(usage.layersSize == nil)
    #expect(
      usage.imageUsage
        == DiskUsageTotals(activeCount: 1, totalCount: 4, reclaimable: 12_345_678, totalSize: 98_765_432))
    #expect(usage.buildCacheUsage?.reclaimable == 51)
  }

  @Test func versionAndEvents() throws {
    let version = try decode(
      EngineVersion.self,
      """
      {"Platform":{"Name":""},"Components":[],"Version":"20.10.24+dfsg1","ApiVersion":"1.41","MinAPIVersion":"1.12",
       "GitCommit":"5d6db84","GoVersion":"go1.19.8","Os":"linux","Arch":"amd64","KernelVersion":"6.1.0",
       "BuildTime":"2023-05-18T08:38:34.000000000+00:00"}
      """)
    #expect(version.version == "20.10.24+dfsg1")
    #expect(version.apiVersion == "1.41")
    #expect(version.minAPIVersion == "1.12")
    #expect(version.kernelVersion == "6.1.0")
    #expect(version.experimental == false)

    let modern = try decode(
      EngineEvent.self,
      #"{"Type":"image","Action":"untag","Actor":{"ID":"sha256:1","Attributes":{"name":"sha256:1"}},"scope":"local","time":7,"timeNano":7000000009}"#
    )
    #expect(
      modern
        == EngineEvent(
          type: "image", action: "untag", actorID: "sha256:1", attributes: ["name": "sha256:1"], time: 7,
          timeNano: 7_000_000_009))
    let legacy = try decode(EngineEvent.self, #"{"status":"pull","id":"busybox:latest","time":3}"#)
    #expect(legacy.action == "pull")
    #expect(legacy.actorID == "busybox:latest")
    #expect(legacy.timeNano == 3_000_000_000)
  }

  @Test func inspectKeepsTheWholeDocument() throws {
    let image = try decode(
      ImageInspect.self,
      """
      {"Id":"sha256:a","RepoTags":["<none>:<none>"],"RepoDigests":[],"Parent":"","Created":"2020-07-07T09:30:00Z",
       "Size":1234,"Os":"linux","Architecture":"amd64","Config":{"Labels":{"k":"v"},"Cmd":["sleep","3600"]},
       "RootFS":{"Type":"layers","Layers":["sha256:l1"]}}
      """)
    #expect(image.repoTags == [])
    #expect(image.labels == ["k": "v"])
    #expect(image.size == 1_234)
    #expect(image.raw["RootFS"]?["Layers"]?.arrayValue == [.string("sha256:l1")])
    #expect(image.raw["Config"]?["Cmd"] == .array([.string("sleep"), .string("3600")]))
    let roundTrip = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(image.raw))
    #expect(roundTrip == image.raw)
  }
}
