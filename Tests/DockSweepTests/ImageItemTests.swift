import Testing

@testable import DockSweep

@Suite struct ImageItemTests {
  @Test(arguments: [
    ("sha256:0123456789abcdef0123", "0123456789ab"),
    ("0123456789abcdef0123", "0123456789ab"),
    ("sha256:abc", "abc"),
    ("", ""),
    ("sha256:", ""),
    // Not an engine ID, but cut by characters all the same.
    ("sha256:ééééééééééééé", "éééééééééééé"),
    ("ab🐳cdefghijklmnop", "ab🐳cdefghijk"),
  ])
  func shortIDsAreTwelveCharactersAfterTheAlgorithm(id: String, short: String) {
    #expect(ImageItem.shortID(id) == short)
    let bare = id.hasPrefix("sha256:") ? String(id.dropFirst(7)) : id
    #expect(ImageItem.shortID(id) == String(bare.prefix(12)))
  }

  @Test func splitKeepsARegistryPortInTheRepository() {
    #expect(ImageItem.split("registry:5000/org/name:tag") == ("registry:5000/org/name", "tag"))
    #expect(ImageItem.split("registry:5000/org/name") == ("registry:5000/org/name", "latest"))
    #expect(ImageItem.split("name:v1") == ("name", "v1"))
  }
}
