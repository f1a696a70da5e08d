import Foundation
import TestImages
import Testing

/// What keeps people's images alive: dry runs, confirmation of bulk removals, protect patterns from the
/// command line, a file and the script, reports that say what happened, and failures that fail the run
/// unless the script handles them.
@Suite struct SafetyTests {
  /// Lua that prints a report's fields in a stable order.
  static let printReport = #"""
    local function sorted(t)
      local c = {}
      for i, v in ipairs(t) do c[i] = v end
      table.sort(c)
      return table.concat(c, ",")
    end
    local function show(r)
      print("untagged", sorted(r.untagged))
      print("deleted", sorted(r.deleted))
      for _, s in ipairs(r.skipped) do print("skipped", s.target, s.reason) end
      for _, e in ipairs(r.failed) do print("failed", e.target, e.error) end
      print("reclaimed", r.reclaimed)
      print("dry_run", r.dry_run)
    end

    """#

  @Test func dryRunRemovesNothing() async throws {
    let f = try Fixture()
    defer { f.cleanUp() }
    try f.load([f.image(["a:1"], size: 1_000), f.image(["a:2"], size: 2_000), f.image(["b:1"], runnable: true)])
    try f.create(f.ref("b:1"), name: "user")
    let before = try f.refs()
    // Quiet: only what the script prints (the reports it does not print would follow it).
    let result = try await Docksweep.run([
      "--dry-run", "-q", "-e",
      #"""
      local r = docker.images():match("\#(f.pattern)"):remove{force = true}
      print(r)
      print("dry_run", r.dry_run, #r.deleted, #r.untagged)
      print(docker.containers{label = "\#(f.label)"}:remove{force = true})
      print("rmi", docker.rmi("\#(f.ref("a:1"))", {force = true}).dry_run)
      print("prune_images", docker.prune_images{all = true, label = "\#(f.label)"}.dry_run)
      print("prune_containers", docker.prune_containers{label = "\#(f.label)"}.dry_run)
      print("first", docker.images():match("\#(f.pattern)"):sort_by("size"):first(1):remove().dry_run)
      """#,
    ])
    #expect(result.status == 0, "\(result)")
    #expect(result.lines.first == "Dry run: would remove 3 images", "\(result)")
    for name in ["a:1", "a:2", "b:1"] {
      #expect(result.lines.contains { $0.hasPrefix("  \(f.ref(name))  ") }, "\(name) in the plan: \(result)")
    }
    #expect(result.lines.contains { $0.hasPrefix("Total size of the images to remove: ") }, "\(result)")
    #expect(result.lines.contains("dry_run\ttrue\t0\t0"), "\(result)")
    #expect(result.lines.contains("Dry run: would remove 1 container"), "\(result)")
    #expect(
      result.lines.suffix(4) == ["rmi\ttrue", "prune_images\ttrue", "prune_containers\ttrue", "first\ttrue"],
      "\(result)")
    #expect(try f.refs() == before)
    #expect(try f.containers() == [f.containerName("user"): "created"])
  }

  /// Removing tags of one image asks about references and images, not references as images.
  @Test func refusalCountsReferencesAndImages() async throws {
    let f = try Fixture()
    defer { f.cleanUp() }
    try f.load([f.image(["two:1", "two:2"]), f.image(["one:1"])])
    let run = try await Docksweep.run(["-e", #"docker.images():match("\#(f.pattern)"):remove()"#])
    #expect(run.status == 1, "\(run)")
    #expect(run.stderr.contains("refusing to remove 3 references (2 images) without confirmation"), "\(run)")
  }

  @Test func bulkRemovalWithoutYesIsRefused() async throws {
    let f = try Fixture()
    defer { f.cleanUp() }
    try f.load([f.image(["a:1"]), f.image(["b:1"], runnable: true)])
    try f.create(f.ref("b:1"), name: "one")
    try f.create(f.ref("b:1"), name: "two")
    let before = try f.refs()
    let images = try await Docksweep.run(["-e", #"docker.images():match("\#(f.pattern)"):remove()"#])
    #expect(images.status == 1, "\(images)")
    #expect(images.stderr.contains("refusing to remove 2 images"), "\(images)")
    #expect(images.stderr.contains("--yes"), "\(images)")
    #expect(try f.refs() == before)

    let containers = try await Docksweep.run(["-e", #"docker.containers{label = "\#(f.label)"}:remove()"#])
    #expect(containers.status == 1, "\(containers)")
    #expect(containers.stderr.contains("--yes"), "\(containers)")
    #expect(try f.containers().count == 2)

    let prune = try await Docksweep.run(["-e", #"docker.prune_containers{label = "\#(f.label)"}"#])
    #expect(prune.status == 1, "\(prune)")
    #expect(prune.stderr.contains("--yes"), "\(prune)")
    #expect(try f.containers().count == 2)

    // Answering from standard input is not confirming: only a terminal can.
    let piped = try await Docksweep.run(["-e", #"docker.images():match("\#(f.pattern)"):remove()"#], stdin: "y\n")
    #expect(piped.status == 1, "\(piped)")
    #expect(try f.refs() == before)

    // One object needs no confirmation.
    let single = try await Docksweep.run(["-e", #"print(docker.images():match("^\#(f.prefix)/a:1$"):remove())"#])
    #expect(single.status == 0, "\(single)")
    #expect(try f.refs() == [f.ref("b:1")])
  }

  @Test func protectFlagKeepsAReferenceEvenWithForce() async throws {
    let f = try Fixture()
    defer { f.cleanUp() }
    let ids = try f.load([f.image(["keep:1", "other:1"]), f.image(["gone:1"])])
    let protect = "^\(f.prefix)/keep:"
    let result = try await Docksweep.run([
      "--yes", "--protect", protect, "-e",
      Self.printReport + #"show(docker.images():match("\#(f.pattern)"):remove{force = true})"#,
    ])
    #expect(result.status == 0, "\(result)")
    #expect(try f.refs() == [f.ref("keep:1")])
    #expect(
      result.lines.contains(
        "skipped\t\(f.ref("keep:1"))\tprotected: \(f.ref("keep:1")) matches \"\(protect)\" (--protect)"),
      "\(result)")
    #expect(result.lines.contains("untagged\t" + [f.ref("gone:1"), f.ref("other:1")].joined(separator: ",")))

    // By ID, by reference, by ID prefix: the image with a protected tag stays.
    let byID = try await Docksweep.run([
      "--yes", "--protect", protect, "-e",
      Self.printReport
        + #"""
        show(docker.images{label = "\#(f.label)"}:remove{force = true})
        show(docker.rmi("\#(f.ref("keep:1"))", {force = true}))
        show(docker.rmi("\#(Fixture.shortID(ids[0]))", {force = true}))
        """#,
    ])
    #expect(byID.status == 0, "\(byID)")
    #expect(byID.lines.filter { $0.hasPrefix("skipped\t") }.count == 3, "\(byID)")
    #expect(byID.lines.contains { $0.hasPrefix("skipped\t\(Fixture.shortID(ids[0]))\tprotected: ") }, "\(byID)")
    #expect(try f.refs() == [f.ref("keep:1")])
    #expect(f.exists(ids[0]))
  }

  @Test func protectFlagKeepsContainers() async throws {
    let f = try Fixture()
    defer { f.cleanUp() }
    try f.load([f.image(["app:1"], runnable: true)])
    try f.run(f.ref("app:1"), name: "keeper")
    try f.create(f.ref("app:1"), name: "other")
    let result = try await Docksweep.run([
      "--yes", "-q", "--protect", "^\(f.containerName("keeper"))$", "-e",
      #"""
      local r = docker.containers{label = "\#(f.label)"}:remove{force = true}
      print(#r.removed, #r.skipped, r.skipped[1].target)
      """#,
    ])
    #expect(result.status == 0, "\(result)")
    #expect(result.lines == ["1\t1\t\(f.containerName("keeper"))"], "\(result)")
    #expect(try f.containers() == [f.containerName("keeper"): "running"])
  }

  @Test func protectFileKeepsAReference() async throws {
    let f = try Fixture()
    defer { f.cleanUp() }
    try f.load([f.image(["file-keep:1"]), f.image(["gone:1"])])
    let config = f.scratch.appendingPathComponent("config")
    let protectFile = config.appendingPathComponent("docksweep/protect")
    try FileManager.default.createDirectory(
      at: protectFile.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data("# images we never remove\n\n  ^\(f.prefix)/file-keep:  \n".utf8).write(to: protectFile)
    let result = try await Docksweep.run(
      ["--yes", "-e", Self.printReport + #"show(docker.images():match("\#(f.pattern)"):remove{force = true})"#],
      environment: ["XDG_CONFIG_HOME": config.path])
    #expect(result.status == 0, "\(result)")
    #expect(try f.refs() == [f.ref("file-keep:1")])
    #expect(
      result.lines.contains {
        $0.hasPrefix("skipped\t\(f.ref("file-keep:1"))\tprotected: ") && $0.hasSuffix("(\(protectFile.path):3)")
      }, "\(result)")

    try Data("(\n".utf8).write(to: protectFile)
    let invalid = try await Docksweep.run(["-e", "print('ran')"], environment: ["XDG_CONFIG_HOME": config.path])
    #expect(invalid.status == 2, "\(invalid)")
    #expect(invalid.stderr.contains("invalid protect pattern"), "\(invalid)")
    #expect(invalid.stderr.contains(protectFile.path + ":1"), "\(invalid)")
  }

  @Test func protectFromTheScript() async throws {
    let f = try Fixture()
    defer { f.cleanUp() }
    try f.load([f.image(["lua-keep:1"]), f.image(["gone:1"])])
    let result = try await Docksweep.run([
      "--yes", "-q", "-e",
      Self.printReport
        + #"""
        docker.protect("^\#(f.prefix)/lua-keep:", "^\#(f.prefix)/never:")
        show(docker.images():match("\#(f.pattern)"):remove{force = true})
        """#,
    ])
    #expect(result.status == 0, "\(result)")
    #expect(try f.refs() == [f.ref("lua-keep:1")])
    #expect(
      result.lines.contains {
        $0.hasPrefix("skipped\t\(f.ref("lua-keep:1"))\tprotected: ") && $0.hasSuffix("(docker.protect)")
      }, "\(result)")

    let invalid = try await Docksweep.run(["-e", #"docker.protect("(")"#])
    #expect(invalid.status == 1, "\(invalid)")
    #expect(invalid.stderr.contains("bad argument #1 to 'protect'"), "\(invalid)")
  }

  @Test func invalidProtectFlagExitsTwo() async throws {
    let result = try await Docksweep.run(["--protect", "[", "-e", "print('ran')"])
    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains("invalid protect pattern"), "\(result)")
    #expect(result.stderr.contains("--protect"), "\(result)")
    #expect(result.stdout.isEmpty)
  }

  @Test func reportFields() async throws {
    let f = try Fixture()
    defer { f.cleanUp() }
    let ids = try f.load([
      f.image(["x:1", "x:2"], size: 11_000), f.image(["y:1"], size: 22_000), f.image(["z:1"], runnable: true),
      f.image(["w:1"]),
    ])
    try f.create(f.ref("z:1"), name: "user")
    let ySize = try f.size(of: f.ref("y:1"))
    let result = try await Docksweep.run([
      "--yes", "-q", "-e",
      Self.printReport
        + #"""
        docker.protect("^\#(f.prefix)/w:")
        local r = docker.images():match("^\#(f.prefix)/(x:1|y:1|z:1|w:1)$"):remove()
        show(r)
        print("ok", r:ok())
        """#,
    ])
    #expect(result.status == 0, "the script read report.failed: \(result)")
    #expect(result.lines.contains("untagged\t" + [f.ref("x:1"), f.ref("y:1")].joined(separator: ",")), "\(result)")
    let deleted = result.lines.first { $0.hasPrefix("deleted\t") } ?? ""
    #expect(deleted.contains(ids[1]), "\(result)")
    #expect(!deleted.contains(ids[0]) && !deleted.contains(ids[2]), "\(result)")
    #expect(result.lines.filter { $0.hasPrefix("skipped\t") }.count == 1)
    #expect(result.lines.contains { $0.hasPrefix("skipped\t\(f.ref("w:1"))\tprotected: ") }, "\(result)")
    let failed = result.lines.filter { $0.hasPrefix("failed\t") }
    #expect(failed.count == 1, "\(result)")
    #expect(
      failed.first?.hasPrefix(
        "failed\t\(f.ref("z:1"))\tError response from daemon: conflict: unable to remove repository reference")
        == true, "\(result)")
    #expect(result.lines.contains("reclaimed\t\(ySize)"), "\(result)")
    #expect(result.lines.contains("dry_run\tfalse"), "\(result)")
    #expect(result.lines.last == "ok\tfalse")
    #expect(try f.refs() == [f.ref("x:2"), f.ref("z:1"), f.ref("w:1")])
  }

  @Test func unhandledFailureExitsOne() async throws {
    let f = try Fixture()
    defer { f.cleanUp() }
    try f.load([f.image(["z:1"], runnable: true), f.image(["fine:1"])])
    try f.run(f.ref("z:1"), name: "running")

    let unhandled = try await Docksweep.run(["--yes", "-e", #"print(docker.images():match("\#(f.pattern)"):remove())"#])
    #expect(unhandled.status == 1, "\(unhandled)")
    #expect(unhandled.stdout.contains("Error: \(f.ref("z:1")): "), "\(unhandled)")
    #expect(unhandled.stdout.contains("Untagged: \(f.ref("fine:1"))"), "the rest went on: \(unhandled)")
    #expect(unhandled.stderr.contains("1 removal failed"), "\(unhandled)")
    #expect(unhandled.stderr.contains("report.failed"), "\(unhandled)")
    #expect(try f.refs() == [f.ref("z:1")])

    // Force does not remove an image a running container uses.
    let forced = try await Docksweep.run(["-e", #"docker.images{label = "\#(f.label)"}:remove{force = true}"#])
    #expect(forced.status == 1, "\(forced)")
    #expect(forced.stderr.contains("1 removal failed"), "\(forced)")
    #expect(try f.refs() == [f.ref("z:1")])

    let handled = try await Docksweep.run([
      "-q", "-e", #"local r = docker.images():match("\#(f.pattern)"):remove() if not r:ok() then print("handled") end"#,
    ])
    #expect(handled.status == 0, "\(handled)")
    #expect(handled.lines == ["handled"])
  }
}
