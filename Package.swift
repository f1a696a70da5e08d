// swift-tools-version:6.0
import PackageDescription

/// The Swift toolchain exports every symbol of an executable (`-export-dynamic`); nothing loads docksweep's
/// symbols by name, and the runtime's start-up `dladdr` walks the whole export table (26,000 entries), so
/// release executables export nothing.
let exportsNothing: [LinkerSetting] = [
  .unsafeFlags(["-Xlinker", "--no-export-dynamic"], .when(platforms: [.linux], configuration: .release))
]

let package = Package(
  name: "docksweep",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "docksweep", targets: ["docksweep"]),
    .library(name: "DockSweep", targets: ["DockSweep"]),
    .library(name: "DockerEngine", targets: ["DockerEngine"]),
    .library(name: "DockerFormats", targets: ["DockerFormats"]),
    .library(name: "LuaBridge", targets: ["LuaBridge"]),
    .library(name: "LinearRegex", targets: ["LinearRegex"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
  ],
  targets: [
    .systemLibrary(
      name: "CLua",
      pkgConfig: "lua5.4",
      providers: [.apt(["liblua5.4-dev"])]
    ),
    // libedit's line editing, opened at run time by the REPL (Debian: libedit2).
    .target(name: "CEditLine"),
    .target(name: "LuaBridge", dependencies: ["CLua"]),
    .target(name: "DockerFormats"),
    .target(name: "LinearRegex"),
    .target(
      name: "DockerEngine",
      dependencies: [
        "DockerFormats",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
      ]
    ),
    .target(
      name: "DockSweep",
      dependencies: [
        "LuaBridge", "DockerEngine", "DockerFormats", "LinearRegex",
        .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
      ]),
    .executableTarget(
      name: "docksweep",
      dependencies: [
        "DockSweep",
        "DockerEngine",
        "DockerFormats",
        "LuaBridge",
        "CEditLine",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
      ],
      linkerSettings: exportsNothing
    ),
    .executableTarget(name: "CleanupService", dependencies: ["DockSweep"], path: "Examples/CleanupService"),
    .target(name: "TestImages", dependencies: ["DockerEngine"], path: "Tests/TestImages"),
    .executableTarget(name: "docksweep-testimages", dependencies: ["TestImages"], path: "Tests/TestImagesTool"),
    // `scripts/bench`'s start-up floor: a Swift program that only prints 1, built and linked as docksweep is.
    .executableTarget(name: "docksweep-startup-floor", path: "Tests/StartupFloor", linkerSettings: exportsNothing),
    .testTarget(name: "LuaBridgeTests", dependencies: ["LuaBridge", "TestImages"]),
    .testTarget(name: "LinearRegexTests", dependencies: ["LinearRegex"]),
    .testTarget(name: "DockerFormatsTests", dependencies: ["DockerFormats", "TestImages"]),
    .testTarget(name: "DockerEngineTests", dependencies: ["DockerEngine", "DockerFormats", "TestImages"]),
    .testTarget(name: "DockSweepTests", dependencies: ["DockSweep", "TestImages"]),
    .testTarget(
      name: "docksweepTests",
      dependencies: [
        "docksweep", "TestImages", .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .testTarget(name: "EndToEndTests", dependencies: ["TestImages", "DockerEngine"]),
  ]
)
