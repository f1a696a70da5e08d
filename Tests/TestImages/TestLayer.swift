/// One layer of a ``TestImage``.
///
/// A layer's content is a pure function of its value, so the same `TestLayer` used by two images is one
/// layer that both images share once loaded (as two images built `FROM` the same base do):
/// ```swift
/// let base = TestLayer(name: "debian-base", size: 8_000_000)
/// let a = TestImage(tags: ["app:1"], created: .now, layers: [base, TestLayer(name: "app-1", size: 1_000)])
/// let b = TestImage(tags: ["app:2"], created: .now, layers: [base, TestLayer(name: "app-2", size: 2_000)])
/// ```
public struct TestLayer: Hashable, Sendable {
  enum Kind: Hashable, Sendable {
    /// `data/<name>.bin` of `size` pseudo-random bytes seeded by the name.
    case filler
    /// The host's static busybox at `/bin/busybox` with links to it.
    case busybox
  }

  /// Identifies the layer and seeds its content: layers with equal names and sizes are identical.
  public let name: String
  /// Bytes of filler content in the layer's data file (0 for ``busybox``); the layer tar adds a few headers.
  public let size: Int
  let kind: Kind

  /// A layer holding one file of `size` deterministic pseudo-random bytes derived from `name`.
  ///
  /// The content is generated while the archive is written, so large sizes cost time but not memory.
  public init(name: String, size: Int) {
    precondition(size >= 0, "a layer size cannot be negative")
    self.init(name: name, size: size, kind: .filler)
  }

  private init(name: String, size: Int, kind: Kind) {
    self.name = name
    self.size = size
    self.kind = kind
  }

  /// The layer that makes an image runnable: the host's statically linked busybox (Debian's
  /// `busybox-static`) as `/bin/busybox`, with `/bin/sh`, `/bin/sleep`, `/bin/echo`, `/bin/true`, `/bin/ls`
  /// and `/bin/cat` linked to it. ``TestImage/busybox`` puts it first in an image.
  public static let busybox = TestLayer(name: "busybox", size: 0, kind: .busybox)
}
