import Foundation

/// Ready-made sets of test images.
public enum ImageSets {
  /// The label every image of ``article()`` carries, with the value `article`.
  public static let fixtureLabel = "docksweep.fixture"

  /// Images like those in the Docker cleanup article: 11 images (two of them dangling), 11 tags, about 300 MB of layers.
  ///
  /// | image (tags) | created (UTC) | layers |
  /// | --- | --- | --- |
  /// | `postgres:13-beta1` | 2020-05-21 | debian base (6 MB) + 8 MB |
  /// | `postgres:13-beta2`, `myorg/pg:keep` (one image) | 2020-06-25 | debian base + 8 MB |
  /// | `postgres:13-beta2-alpine` | 2020-06-26 | alpine base (3 MB) + 7 MB + busybox; `Cmd` `sleep 3600` |
  /// | `postgres:13-beta3` | 2020-08-13 | debian base + 8.5 MB |
  /// | `nextcloud:19.0.0` | 2020-06-04 | debian base + php-apache (10 MB) + 12 MB |
  /// | `nextcloud:19.0.1`, `nextcloud:19-apache` (one image) | 2020-07-16 | debian base + php-apache + 12.1 MB |
  /// | `nextcloud:latest` | 2020-08-28 | debian base + php-apache + 12.2 MB |
  /// | `collabora/code:latest` | 2020-07-01 | ubuntu base (5 MB) + 200 MB |
  /// | dangling (no tag) | 2020-06-10 | debian base + 2 MB |
  /// | dangling (no tag) | 2020-07-20 | alpine base + 1.5 MB |
  /// | `demo/app:1.0` | 2020-07-07 | busybox + 100 kB; `Cmd` `sleep 3600`: containers of it run |
  ///
  /// Every image has the label `docksweep.fixture=article`. Sizes are decimal megabytes of layer content.
  public static func article() -> [TestImage] {
    let debian = TestLayer(name: "article/debian-buster-slim", size: 6_000_000)
    let alpine = TestLayer(name: "article/alpine-3.12", size: 3_000_000)
    let phpApache = TestLayer(name: "article/php-7.4-apache", size: 10_000_000)
    let ubuntu = TestLayer(name: "article/ubuntu-18.04", size: 5_000_000)
    let labels = [fixtureLabel: "article"]
    func image(_ tags: [String], _ created: String, _ layers: [TestLayer]) -> TestImage {
      TestImage(tags: tags, created: TestImage.date(created), layers: layers, labels: labels)
    }
    var demo = image(["demo/app:1.0"], "2020-07-07T09:30:00Z", [TestLayer(name: "article/demo-app", size: 100_000)])
    demo.busybox = true
    demo.cmd = ["sleep", "3600"]
    var pgAlpine = image(
      ["postgres:13-beta2-alpine"], "2020-06-26T02:18:03Z",
      [alpine, TestLayer(name: "article/pg-13-beta2-alpine", size: 7_000_000)])
    pgAlpine.busybox = true
    pgAlpine.cmd = ["sleep", "3600"]
    return [
      image(
        ["postgres:13-beta1"], "2020-05-21T20:51:12Z",
        [debian, TestLayer(name: "article/pg-13-beta1", size: 8_000_000)]),
      image(
        ["postgres:13-beta2", "myorg/pg:keep"], "2020-06-25T21:07:45Z",
        [debian, TestLayer(name: "article/pg-13-beta2", size: 8_000_000)]),
      pgAlpine,
      image(
        ["postgres:13-beta3"], "2020-08-13T19:40:28Z",
        [debian, TestLayer(name: "article/pg-13-beta3", size: 8_500_000)]),
      image(
        ["nextcloud:19.0.0"], "2020-06-04T11:02:37Z",
        [debian, phpApache, TestLayer(name: "article/nextcloud-19.0.0", size: 12_000_000)]),
      image(
        ["nextcloud:19.0.1", "nextcloud:19-apache"], "2020-07-16T16:44:09Z",
        [debian, phpApache, TestLayer(name: "article/nextcloud-19.0.1", size: 12_100_000)]),
      image(
        ["nextcloud:latest"], "2020-08-28T08:15:51Z",
        [debian, phpApache, TestLayer(name: "article/nextcloud-19.0.2", size: 12_200_000)]),
      image(
        ["collabora/code:latest"], "2020-07-01T13:26:40Z",
        [ubuntu, TestLayer(name: "article/collabora-code-4.2.5", size: 200_000_000)]),
      image([], "2020-06-10T10:00:00Z", [debian, TestLayer(name: "article/old-build-1", size: 2_000_000)]),
      image([], "2020-07-20T10:00:00Z", [alpine, TestLayer(name: "article/old-build-2", size: 1_500_000)]),
      demo,
    ]
  }

  /// `count` small images named `<repository>/<i>` for i in 1...count, each tagged `v1` ... `v<tagsPerImage>`.
  ///
  /// All images share one 4 kB layer and differ only in config (label `bench.index=<i>`, and `Created`
  /// one hour apart from 2020-01-01T00:00:00Z for i = 1), so writing and loading them is quick. With
  /// `layerBytes` > 0 each image also gets a layer of its own of that many bytes. Every image has the label
  /// `docksweep.fixture=<repository>`.
  public static func many(
    _ count: Int,
    tagsPerImage: Int = 1,
    repository: String = "bench",
    layerBytes: Int = 0
  ) -> [TestImage] {
    precondition(count >= 0 && tagsPerImage >= 1 && layerBytes >= 0, "invalid image set size")
    let base = TestLayer(name: "\(repository)/base", size: 4_096)
    let start = TestImage.date("2020-01-01T00:00:00Z")
    return (0..<count).map { index in
      let number = index + 1
      var layers = [base]
      if layerBytes > 0 {
        layers.append(TestLayer(name: "\(repository)/\(number)", size: layerBytes))
      }
      return TestImage(
        tags: (1...tagsPerImage).map { "\(repository)/\(number):v\($0)" },
        created: start.addingTimeInterval(Double(index) * 3600),
        layers: layers,
        labels: [fixtureLabel: repository, "bench.index": "\(number)"])
    }
  }

  /// Images for benchmarks: `count` images `<repository>/<i>` for i in 1...count, each tagged `v1` ...
  /// `v<tagsPerImage>`, whose sizes differ so that sorting by size means something.
  ///
  /// Image i has a layer of its own of `i * sizeStep` bytes on top of one shared 4 kB layer, and is created
  /// `i - 1` hours after 2020-01-01T00:00:00Z. With `runnable`, every image also starts with the busybox layer
  /// and has `Cmd` `sleep 3600`, so containers of it run. Every image has the label
  /// `docksweep.fixture=<repository>`.
  public static func bench(
    _ count: Int,
    tagsPerImage: Int = 1,
    repository: String = "bench",
    sizeStep: Int = 1_000,
    runnable: Bool = false
  ) -> [TestImage] {
    precondition(count >= 0 && tagsPerImage >= 1 && sizeStep >= 0, "invalid image set size")
    let base = TestLayer(name: "\(repository)/base", size: 4_096)
    let start = TestImage.date("2020-01-01T00:00:00Z")
    return (0..<count).map { index in
      let number = index + 1
      var layers = [base]
      if sizeStep > 0 {
        layers.append(TestLayer(name: "\(repository)/\(number)", size: number * sizeStep))
      }
      return TestImage(
        tags: (1...tagsPerImage).map { "\(repository)/\(number):v\($0)" },
        created: start.addingTimeInterval(Double(index) * 3600),
        layers: layers,
        labels: [fixtureLabel: repository, "bench.index": "\(number)"],
        busybox: runnable,
        cmd: runnable ? ["sleep", "3600"] : nil)
    }
  }
}
