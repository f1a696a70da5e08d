import LuaBridge
import Testing

@testable import DockSweep

/// Reports print as the docker CLI prints removals and prunes, and expose their fields to Lua.
@Suite struct ReportTests {
  @Test func removalPrintsLikeDockerImageRm() {
    var report = Report(.remove(.image), reclaimed: .summed(16_430_000))
    report.untagged = ["postgres:13-beta2-alpine", "myorg/pg:keep"]
    report.deleted = ["sha256:aaaa", "sha256:bbbb"]
    report.skip("myorg/keep:1", "protected: myorg/keep:1 matches \"^myorg/\" (--protect)")
    report.fail("postgres:13-beta3", "Error response from daemon: conflict: ...")
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
    let report = Report(.remove(.image), reclaimed: .summed(0))
    #expect(report.text == "Total size of the removed images: 0B (layers other images share stay on disk)")
    #expect(report.ok)
  }

  @Test func dryRunShowsThePlan() {
    var report = Report(.remove(.image), dryRun: true, reclaimed: .summed(7_957_000_000))
    report.plan("postgres:13-beta1", size: 147_000_000)
    report.plan("3f1c9a2b4d5e", size: 7_810_000_000)
    #expect(
      report.text == """
        Dry run: would remove 2 images
          postgres:13-beta1  147MB
          3f1c9a2b4d5e  7.81GB
        Total size of the images to remove: 7.957GB (layers other images share stay on disk)
        """)
  }

  @Test func dryRunOfOneContainer() {
    var report = Report(.remove(.container), dryRun: true)
    report.plan("0123456789ab web (remove)", size: nil)
    #expect(report.text == "Dry run: would remove 1 container\n  0123456789ab web (remove)")
  }

  @Test func prunePrintsLikeDockerImagePrune() {
    var report = Report(.prune(.image), reclaimed: .measured(359_100_000))
    report.untagged = ["postgres:13-beta1"]
    report.deleted = ["sha256:aaaa"]
    #expect(
      report.text == """
        Deleted Images:
        untagged: postgres:13-beta1
        deleted: sha256:aaaa

        Total reclaimed space: 359.1MB
        """)
  }

  @Test func containerPrunePrintsLikeDockerContainerPrune() {
    var report = Report(.prune(.container), reclaimed: .measured(0))
    report.removed = ["0123456789abcdef", "fedcba9876543210"]
    #expect(
      report.text == """
        Deleted Containers:
        0123456789abcdef
        fedcba9876543210

        Total reclaimed space: 0B
        """)
  }

  @Test func containerRemovalListsIDs() {
    var report = Report(.remove(.container))
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
    var value = Report(.remove(.image), reclaimed: .summed(1234))
    value.untagged = ["a:1"]
    value.deleted = ["sha256:aaaa"]
    value.removed = ["0123"]
    value.skip("b:1", "protected")
    value.fail("c:1", "conflict")
    let report = ReportObject(value)
    #expect(strings((try? report.field("untagged"))) == ["a:1"])
    #expect(strings((try? report.field("deleted"))) == ["sha256:aaaa"])
    #expect(strings((try? report.field("removed"))) == ["0123"])
    #expect(records((try? report.field("skipped"))) == [["target": "b:1", "reason": "protected"]])
    if case .integer(let n)? = (try? report.field("reclaimed")) {
      #expect(n == 1234)
    } else {
      Issue.record("reclaimed")
    }
    if case .boolean(let b)? = (try? report.field("dry_run")) { #expect(!b) } else { Issue.record("dry_run") }
    #expect((try? report.field("nonsense"))?.isNil == true)
    #expect(!report.handled)
    #expect(records((try? report.field("failed"))) == [["target": "c:1", "error": "conflict"]])
    #expect(report.handled, "reading failed hands the failures to the script")
  }
}
