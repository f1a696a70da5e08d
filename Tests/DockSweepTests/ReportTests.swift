import LuaBridge
import Testing

@testable import DockSweep

/// Reports print as the docker CLI prints removals and prunes, and expose their fields to Lua.
@Suite struct ReportTests {
  @Test func removalPrintsLikeDockerImageRm() {
    let report = Report(noun: "image")
    report.untagged = ["postgres:13-beta2-alpine", "myorg/pg:keep"]
    report.deleted = ["sha256:aaaa", "sha256:bbbb"]
    report.skipped = [("myorg/keep:1", "protected: myorg/keep:1 matches \"^myorg/\" (--protect)")]
    report.failed = [("postgres:13-beta3", "Error response from daemon: conflict: ...")]
    report.reclaimed = 16_430_000
    #expect(
      report.text == """
        Untagged: postgres:13-beta2-alpine
        Untagged: myorg/pg:keep
        Deleted: sha256:aaaa
        Deleted: sha256:bbbb
        Skipped: myorg/keep:1 (protected: myorg/keep:1 matches "^myorg/" (--protect))
        Error: postgres:13-beta3: Error response from daemon: conflict: ...
        Total size of the removed images: 16.43MB (layers other images share stay on disk)
        """)
    #expect(!report.ok)
  }

  @Test func emptyRemoval() {
    let report = Report(noun: "image")
    #expect(report.text == "Total size of the removed images: 0B (layers other images share stay on disk)")
    #expect(report.ok)
  }

  @Test func dryRunShowsThePlan() {
    let report = Report(noun: "image")
    report.dryRun = true
    report.planned = [("postgres:13-beta1", 147_000_000), ("3f1c9a2b4d5e", 7_810_000_000)]
    report.reclaimed = 7_957_000_000
    #expect(
      report.text == """
        Dry run: would remove 2 images
          postgres:13-beta1  147MB
          3f1c9a2b4d5e  7.81GB
        Total size of the images to remove: 7.957GB (layers other images share stay on disk)
        """)
  }

  @Test func dryRunOfOneContainer() {
    let report = Report(noun: "container")
    report.dryRun = true
    report.showsReclaimed = false
    report.planned = [("0123456789ab web (remove)", nil)]
    #expect(report.text == "Dry run: would remove 1 container\n  0123456789ab web (remove)")
  }

  @Test func prunePrintsLikeDockerImagePrune() {
    let report = Report(noun: "image")
    report.pruneStyle = true
    report.untagged = ["postgres:13-beta1"]
    report.deleted = ["sha256:aaaa"]
    report.reclaimed = 359_100_000
    report.reclaimedIsMeasured = true
    #expect(
      report.text == """
        Deleted Images:
        untagged: postgres:13-beta1
        deleted: sha256:aaaa

        Total reclaimed space: 359.1MB
        """)
  }

  @Test func containerPrunePrintsLikeDockerContainerPrune() {
    let report = Report(noun: "container")
    report.pruneStyle = true
    report.removed = ["0123456789abcdef", "fedcba9876543210"]
    report.reclaimedIsMeasured = true
    #expect(
      report.text == """
        Deleted Containers:
        0123456789abcdef
        fedcba9876543210

        Total reclaimed space: 0B
        """)
  }

  @Test func containerRemovalListsIDs() {
    let report = Report(noun: "container")
    report.showsReclaimed = false
    report.removed = ["0123456789abcdef"]
    #expect(report.text == "0123456789abcdef")
  }

  /// The strings of an array-like table value.
  func strings(_ value: LuaValue?) -> [String]? {
    guard case .table(let t)? = value else { return nil }
    return t.array.map { $0.stringValue ?? "?" }
  }

  /// The string fields of each table in an array-like table value.
  func records(_ value: LuaValue?) -> [[String: String]]? {
    guard case .table(let t)? = value else { return nil }
    return t.array.map { element in
      guard case .table(let r) = element else { return [:] }
      return r.fields.mapValues { $0.stringValue ?? "?" }
    }
  }

  @Test func fieldsForLua() {
    let report = Report(noun: "image")
    report.untagged = ["a:1"]
    report.deleted = ["sha256:aaaa"]
    report.removed = ["0123"]
    report.skipped = [("b:1", "protected")]
    report.failed = [("c:1", "conflict")]
    report.reclaimed = 1234
    #expect(strings(report.field("untagged")) == ["a:1"])
    #expect(strings(report.field("deleted")) == ["sha256:aaaa"])
    #expect(strings(report.field("removed")) == ["0123"])
    #expect(records(report.field("skipped")) == [["target": "b:1", "reason": "protected"]])
    if case .integer(let n)? = report.field("reclaimed") { #expect(n == 1234) } else { Issue.record("reclaimed") }
    if case .boolean(let b)? = report.field("dry_run") { #expect(!b) } else { Issue.record("dry_run") }
    #expect(report.field("nonsense") == nil)
    #expect(!report.handled)
    #expect(records(report.field("failed")) == [["target": "c:1", "error": "conflict"]])
    #expect(report.handled, "reading failed hands the failures to the script")
  }
}
