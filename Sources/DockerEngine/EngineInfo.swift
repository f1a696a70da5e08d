/// The answer of `GET /info`: the fields `docker info` leads with, and the whole document in `raw`.
public struct EngineInfo: Sendable, Equatable, Decodable {
  /// The engine's ID.
  public var id: String
  /// The host's name.
  public var name: String
  /// The engine's release.
  public var serverVersion: String
  /// e.g. `Debian GNU/Linux 12 (bookworm)`.
  public var operatingSystem: String
  /// `linux`, `windows`.
  public var osType: String
  /// e.g. `x86_64`.
  public var architecture: String
  /// The host kernel's version.
  public var kernelVersion: String
  /// CPUs.
  public var cpus: Int
  /// Memory in bytes.
  public var memTotal: Int64
  /// The storage driver, e.g. `overlay2`, `vfs`.
  public var driver: String
  /// The engine's data root, e.g. `/var/lib/docker`.
  public var dockerRootDir: String
  /// Containers, and of them running, paused and stopped.
  public var containers: Int
  public var containersRunning: Int
  public var containersPaused: Int
  public var containersStopped: Int
  /// Images, counting every tagged and untagged image once.
  public var images: Int
  /// The whole info document.
  public var raw: JSONValue

  /// Reads the typed fields out of an info document.
  public init(raw: JSONValue) {
    self.raw = raw
    func string(_ key: String) -> String { raw[key]?.stringValue ?? "" }
    func int(_ key: String) -> Int { Int(raw[key]?.int64Value ?? 0) }
    id = string("ID")
    name = string("Name")
    serverVersion = string("ServerVersion")
    operatingSystem = string("OperatingSystem")
    osType = string("OSType")
    architecture = string("Architecture")
    kernelVersion = string("KernelVersion")
    cpus = int("NCPU")
    memTotal = raw["MemTotal"]?.int64Value ?? 0
    driver = string("Driver")
    dockerRootDir = string("DockerRootDir")
    containers = int("Containers")
    containersRunning = int("ContainersRunning")
    containersPaused = int("ContainersPaused")
    containersStopped = int("ContainersStopped")
    images = int("Images")
  }

  public init(from decoder: any Decoder) throws {
    self.init(raw: try JSONValue(from: decoder))
  }
}
