import DockerFormats
import FoundationEssentials

/// An Engine API version such as `1.41`, ordered by its numbers (`1.9 < 1.10`).
public struct APIVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The major number (1 for every engine so far).
  public var major: Int
  /// The minor number.
  public var minor: Int

  /// The newest version whose answers this client's models decode (used when the engine speaks newer).
  public static let clientMaximum = APIVersion(major: 1, minor: 51)

  /// The version assumed for an engine whose `/_ping` has no `Api-Version` header, as the docker CLI does.
  public static let fallback = APIVersion(major: 1, minor: 24)

  /// A version from its numbers.
  public init(major: Int, minor: Int) {
    self.major = major
    self.minor = minor
  }

  /// Parses `MAJOR.MINOR` (an optional leading `v` is allowed); nil for anything else.
  public init?(_ text: String) {
    var text = Substring(text.trimmingWhitespace())
    if text.first == "v" { text = text.dropFirst() }
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 2, let major = Int(parts[0]), let minor = Int(parts[1]), major >= 0, minor >= 0,
      parts.allSatisfy({ $0.allSatisfy(\.isASCII) })
    else { return nil }
    self.init(major: major, minor: minor)
  }

  /// `MAJOR.MINOR`.
  public var description: String { "\(major).\(minor)" }

  public static func < (lhs: APIVersion, rhs: APIVersion) -> Bool {
    (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
  }
}
