import Foundation

/// An image to write into a `docker save` archive with ``ImageArchive/write(_:to:)``.
///
/// ```swift
/// let image = TestImage(
///   tags: ["postgres:13-beta2", "myorg/pg:keep"],
///   created: TestImage.date("2020-06-25T21:00:00Z"),
///   layers: [TestLayer(name: "debian-base", size: 8_000_000)],
///   labels: ["maintainer": "docksweep tests"])
/// ```
/// The image ID is the digest of its config, which holds `created`, the layers, `labels` and `cmd` but not the
/// tags: two values that differ only in tags are one image.
public struct TestImage: Hashable, Sendable {
  /// References such as `postgres:13-beta2` (a name without a tag gets `:latest`); empty for a dangling image.
  public var tags: [String]
  /// The build time docker reports as `Created` (whole seconds, UTC).
  public var created: Date
  /// Layers from the bottom up, not counting the busybox layer that ``busybox`` adds.
  public var layers: [TestLayer]
  /// `config.Labels`.
  public var labels: [String: String]
  /// Whether the image starts with ``TestLayer/busybox``, so that containers of it can run commands such as
  /// `sleep 3600`.
  public var busybox: Bool
  /// `config.Cmd`, the default command of a container.
  public var cmd: [String]?

  /// An image; see the properties for the meaning of each argument.
  public init(
    tags: [String] = [],
    created: Date,
    layers: [TestLayer] = [],
    labels: [String: String] = [:],
    busybox: Bool = false,
    cmd: [String]? = nil
  ) {
    self.tags = tags
    self.created = created
    self.layers = layers
    self.labels = labels
    self.busybox = busybox
    self.cmd = cmd
  }

  /// All layers from the bottom up, including the busybox layer when ``busybox`` is set.
  public var allLayers: [TestLayer] {
    busybox ? [TestLayer.busybox] + layers : layers
  }

  /// The tags as `docker load` needs them: each with an explicit tag.
  var repoTags: [String] {
    tags.map { tag in
      let lastComponent = tag.split(separator: "/").last ?? Substring(tag)
      return lastComponent.contains(":") || tag.contains("@") ? tag : tag + ":latest"
    }
  }

  /// The instant an RFC 3339 text such as `2020-06-25T21:00:00Z` names; traps on malformed text.
  public static func date(_ rfc3339: String) -> Date {
    guard let date = ISO8601DateFormatter().date(from: rfc3339) else {
      preconditionFailure("not an RFC 3339 date-time: \(rfc3339)")
    }
    return date
  }

  /// `created` as RFC 3339 in UTC with whole seconds, as configs carry it.
  var createdText: String {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: Date(timeIntervalSince1970: created.timeIntervalSince1970.rounded(.down)))
  }
}
