import Foundation
import TestImages
import Testing

/// Every cleanup of the Docker cleanup article as docksweep Lua, checked against the engine's state
/// afterwards. Each test works on images and containers of its own (see ``Fixture``).
@Suite struct ArticleTests {
  /// The message the engine gives for `docker image rm reference`, which must fail.
  func engineRefusal(_ reference: String) throws -> String {
    do {
      try TestEngine.docker(["image", "rm", reference])
    } catch let error as TestImagesError {
      let marker = "Error response from daemon: "
      guard let range = error.message.range(of: marker) else { return error.message }
      return String(error.message[range.upperBound...])
    }
    Issue.record("docker image rm \(reference) succeeded; the test needed it to fail")
    return ""
  }

  @Test func rmiRemovesOneImage() async throws {
    let f = try Fixture()
    defer { f.cleanUp() }
    let ids = try f.load([f.image(["postgres:13-beta2-alpine"]), f.image(["postgres:13-beta1"])])
    let ref = f.ref("postgres:13-beta2-alpine")
    let result = try await Docksweep.run(["-e", #"print(docker.rmi("\#(ref)"))"#])
    #expect(result.status == 0, "\(result)")
    #expect(result.lines.first == "Untagged: \(ref)", "\(result)")
    #expect(result.lines.contains("Deleted: \(ids[0])"), "\(result)")
    #expect(!f.exists(ref))
    #expect(!f.exists(ids[0]))
    #expect(try f.refs() == [f.ref("postgres:13-beta1")])
  }

  @Test func rmiOfAnImageInUseRaisesAConflict() async throws {
    let f = try Fixture()
    defer { f.cleanUp() }
    let ids = try f.load([f.image(["postgres:13-beta2-alpine"], runnable: true)])
    let ref = f.ref("postgres:13-beta2-alpine")
    let container = try f.run(ref, name: "db")
    let expected = try engineRefusal(ref)
    #expect(expected.hasPrefix(#"conflict: unable to remove repository reference "\#(ref)" (must force)"#))

    let result = try await Docksweep.run([
      "-e",
      #"""
      local ok, err = pcall(docker.rmi, "\#(ref)")
      print(ok, err.kind, err.status)
      print(err.message)
      print(tostring(err))
      """#,
    ])
    #expect(result.status == 0, "\(result)")
    #expect(result.lines.count == 3, "\(result)")
    #expect(result.lines.first == "false\tconflict\t409", "\(result)")
    #expect(result.lines.dropFirst().first == expected, "\(result)")
    #expect(result.lines.last?.hasSuffix("Error response from daemon: " + expected) == true, "\(result)")
    #expect(expected.contains("container \(container.prefix(12)) is using its referenced image"))
    #expect(f.exists(ids[0]))
    #expect(try f.containers() == [f.containerName("db"): "running"])

    // Uncaught, the conflict ends the run with the CLI's wording.
    let uncaught = try await Docksweep.run(["-e", #"docker.rmi("\#(ref)")"#])
    #expect(uncaught.status == 1, "\(uncaught)")
    #expect(uncaught.stderr.contains("Error response from daemon: " + expected), "\(uncaught)")
    #expect(f.exists(ref))
  }

  @Test func stopAndRemoveTheContainersUsingAnImage() async throws {
    let f = try Fixture()
    defer { f.cleanUp() }
    try f.load([f.image(["postgres:13-beta2-alpine"], runnable: true), f.image(["other:1"], runnable: true)])
    let ref = f.ref("postgres:13-beta2-alpine")
    try f.run(ref, name: "db")
    try f.create(ref, name: "db-spare")
    try f.run(f.ref("other:1"), name: "bystander")
    let result = try await Docksweep.run([
      "--yes", "-e",
      #"""
      local users = docker.containers():using("\#(ref)")
      print(#users)
      local stopped = users:stop()
      print("stop failed", #stopped.failed)
      local removed = users:remove()
      print("removed", #removed.removed, "failed", #removed.failed)
      print(docker.rmi("\#(ref)"))
      """#,
    ])
    #expect(result.status == 0, "\(result)")
    #expect(result.lines.prefix(3) == ["2", "stop failed\t0", "removed\t2\tfailed\t0"], "\(result)")
    #expect(result.lines.contains("Untagged: \(ref)"), "\(result)")
    #expect(!f.exists(ref))
    #expect(try f.containers() == [f.containerName("bystander"): "running"])
  }

  @Test func removeByNameKeepsOtherTagsOfTheSameImage() async throws {
    let f = try Fixture()
    defer { f.cleanUp() }
    let ids = try f.load([
      f.image(["postgres:13-beta1"], created: "2020-05-21T20:51:12Z"),
      f.image(["postgres:13-beta2", "pg:keep"], created: "2020-06-25T21:07:45Z"),
      f.image(["postgres:13-beta2-alpine"], created: "2020-06-26T02:18:03Z"),
      f.image(["postgres:13-beta3"], created: "2020-08-13T19:40:28Z"),
      f.image(["nextcloud:19.0.0"], created: "2020-06-04T11:02:37Z"),
    ])
    let result = try await Docksweep.run([
      "--yes", "-e", #"print(docker.images():match("^\#(f.prefix)/postgres:13-beta"):remove())"#,
    ])
    #expect(result.status == 0, "\(result)")
    #expect(try f.refs() == [f.ref("pg:keep"), f.ref("nextcloud:19.0.0")])
    #expect(try TestEngine.docker(["image", "inspect", "-f", "{{.Id}}", f.ref("pg:keep")]) == ids[1])
    for name in ["postgres:13-beta1", "postgres:13-beta2", "postgres:13-beta2-alpine", "postgres:13-beta3"] {
      #expect(result.lines.contains("Untagged: \(f.ref(name))"), "\(name): \(result)")
    }
    for id in [ids[0], ids[2], ids[3]] { #expect(result.lines.contains("Deleted: \(id)"), "\(result)") }
    #expect(!result.lines.contains("Deleted: \(ids[1])"), "\(result)")
    #expect(result.lines.last?.hasPrefix("Total size of the removed images: ") == true, "\(result)")
  }

  @Test func removeTheTwoLargest() async throws {
    let f = try Fixture()
    defer { f.cleanUp() }
    try f.load([
      f.image(["size:a"], size: 10_000), f.image(["size:b"], size: 50_000), f.image(["size:c"], size: 30_000),
      f.image(["size:d"], size: 20_000),
    ])
    let result = try await Docksweep.run([
      "--yes", "-e",
      #"""
      local sorted = docker.images():match("\#(f.pattern)"):sort_by("size", "desc")
      print(table.concat(sorted:refs(), " "))
      print(sorted:first(2):remove())
      """#,
    ])
    #expect(result.status == 0, "\(result)")
    #expect(result.lines.first == ["size:b", "size:c", "size:d", "size:a"].map(f.ref).joined(separator: " "))
    #expect(try f.refs() == [f.ref("size:a"), f.ref("size:d")])
  }

  @Test func removeUnusedImagesCreatedBeforeADate() async throws {
    let f = try Fixture()
    defer { f.cleanUp() }
    try f.load([
      f.image(["old:1"], created: "2020-05-21T20:51:12Z"),
      f.image(["old:2"], created: "2020-06-25T21:07:45Z", runnable: true),
      f.image(["new:1"], created: "2020-08-13T19:40:28Z"),
    ])
    try f.create(f.ref("old:2"), name: "user")
    let result = try await Docksweep.run([
      "-e",
      #"""
      local chosen = docker.images():match("\#(f.pattern)"):created_before("2020-07-07T00:00:00"):unused()
      print(table.concat(chosen:refs(), ","))
      print(chosen:remove())
      """#,
    ])
    #expect(result.status == 0, "\(result)")
    #expect(result.lines.first == f.ref("old:1"), "\(result)")
    #expect(try f.refs() == [f.ref("old:2"), f.ref("new:1")])
  }

  /// A prune made on this side (here because of `--protect`) removes an image with two tags as the engine's
  /// prune does: both tags untagged, then the image deleted, where deleting it by ID would be refused.
  @Test func pruneWithProtectRemovesImagesWithSeveralTags() async throws {
    let f = try Fixture()
    defer { f.cleanUp() }
    let ids = try f.load([f.image(["two:1", "two:2"]), f.image(["kept:1"])])
    let result = try await Docksweep.run([
      "--yes", "--protect", "kept", "-e", #"print(docker.prune_images{all = true, label = {"\#(f.label)"}})"#,
    ])
    #expect(result.status == 0, "\(result)")
    for tag in ["two:1", "two:2"] { #expect(result.lines.contains("untagged: \(f.ref(tag))"), "\(result)") }
    #expect(result.lines.contains("deleted: \(ids[0])"), "\(result)")
    #expect(try f.refs() == [f.ref("kept:1")])
  }

  @Test func pruneImagesWithLabelAndUntil() async throws {
    let f = try Fixture()
    defer { f.cleanUp() }
    let ids = try f.load([
      f.image(["old:1"], created: "2020-05-21T20:51:12Z"),
      f.image(["old:2"], created: "2020-06-25T21:07:45Z", runnable: true),
      f.image(["new:1"], created: Date().addingTimeInterval(-3600)),
      f.image([], created: "2020-06-10T10:00:00Z"),
    ])
    try f.create(f.ref("old:2"), name: "user")
    #expect(try f.imageIDs() == Set(ids))

    let dangling = try await Docksweep.runRetryingPrune([
      "--yes", "-e", #"local r = docker.prune_images{label = "\#(f.label)"} print(r) print("reclaimed", r.reclaimed)"#,
    ])
    #expect(dangling.status == 0, "\(dangling)")
    #expect(dangling.lines.first == "Deleted Images:", "\(dangling)")
    #expect(dangling.lines.contains("deleted: \(ids[3])"), "\(dangling)")
    #expect(dangling.stdout.contains("Total reclaimed space: "), "\(dangling)")
    #expect(try f.imageIDs() == Set(ids.prefix(3)))

    let old = try await Docksweep.runRetryingPrune([
      "--yes", "-e",
      #"print(docker.prune_images{all = true, ["until"] = "2020-07-07T00:00:00", label = "\#(f.label)"})"#,
    ])
    #expect(old.status == 0, "\(old)")
    #expect(old.lines.contains("untagged: \(f.ref("old:1"))"), "\(old)")
    #expect(old.lines.contains("deleted: \(ids[0])"), "\(old)")
    #expect(try f.refs() == [f.ref("old:2"), f.ref("new:1")])

    let recent = try await Docksweep.runRetryingPrune([
      "--yes", "-e", #"print(docker.prune_images{all = true, ["until"] = "168h", label = "\#(f.label)"})"#,
    ])
    #expect(recent.status == 0, "\(recent)")
    #expect(try f.refs() == [f.ref("old:2"), f.ref("new:1")], "in use or newer than 168h: \(recent)")
  }

  @Test func olderThanSelectsByAge() async throws {
    let f = try Fixture()
    defer { f.cleanUp() }
    let now = Date()
    try f.load([
      f.image(["age:old"], created: "2020-06-25T21:07:45Z"),
      f.image(["age:month"], created: now.addingTimeInterval(-30 * 86_400)),
      f.image(["age:day"], created: now.addingTimeInterval(-86_400)),
      f.image(["age:hour"], created: now.addingTimeInterval(-3_600)),
    ])
    let result = try await Docksweep.run([
      "-e",
      #"""
      local mine = docker.images():match("\#(f.pattern)")
      for _, age in ipairs({"7d", "2w", "168h", "90m", "1h30m", 3 * 86400}) do
        print(age, table.concat(mine:older_than(age):refs(), ","))
      end
      print("newer", table.concat(mine:newer_than("7d"):refs(), ","))
      """#,
    ])
    #expect(result.status == 0, "\(result)")
    let old = f.ref("age:old")
    let month = f.ref("age:month")
    let day = f.ref("age:day")
    #expect(
      result.lines == [
        "7d\t\(month),\(old)", "2w\t\(month),\(old)", "168h\t\(month),\(old)", "90m\t\(day),\(month),\(old)",
        "1h30m\t\(day),\(month),\(old)", "259200\t\(month),\(old)", "newer\t\(f.ref("age:hour")),\(day)",
      ], "\(result)")
  }

  @Test func pruneStoppedContainersWithALabel() async throws {
    let f = try Fixture()
    defer { f.cleanUp() }
    try f.load([f.image(["app:1"], runnable: true)])
    let (created, exited) = try f.containersInEveryState(of: f.ref("app:1"))
    #expect(try f.containers().count == 3)
    let result = try await Docksweep.runRetryingPrune([
      "--yes", "-e", #"print(docker.prune_containers{label = "\#(f.label)"})"#,
    ])
    #expect(result.status == 0, "\(result)")
    #expect(result.lines.first == "Deleted Containers:", "\(result)")
    #expect(Set(result.lines.dropFirst().prefix(2)) == [created, exited], "\(result)")
    #expect(try f.containers() == [f.containerName("running"): "running"])
  }

  @Test func forceRemoveContainers() async throws {
    let f = try Fixture()
    defer { f.cleanUp() }
    try f.load([f.image(["app:1"], runnable: true)])
    try f.run(f.ref("app:1"), name: "one")
    try f.create(f.ref("app:1"), name: "two")
    let result = try await Docksweep.run([
      "--yes", "-q", "-e",
      #"""
      print(#docker.containers{label = "\#(f.label)"})
      local r = docker.containers():labeled("\#(Fixture.labelKey)", "\#(f.token)"):remove{force = true}
      print(#r.removed, #r.failed)
      """#,
    ])
    #expect(result.status == 0, "\(result)")
    #expect(result.lines == ["2", "2\t0"], "\(result)")
    #expect(try f.containers().isEmpty)
  }

  @Test func forceRemoveImages() async throws {
    let f = try Fixture()
    defer { f.cleanUp() }
    try f.load([
      f.image(["multi:1", "multi:2"]), f.image(["used:1"], runnable: true), f.image(["plain:1"]),
    ])
    try f.create(f.ref("used:1"), name: "stopped")
    let withoutForce = try await Docksweep.run([
      "--yes", "-q", "-e", #"local r = docker.images{label = "\#(f.label)"}:remove() print(#r.failed)"#,
    ])
    #expect(withoutForce.status == 0, "\(withoutForce)")
    #expect(withoutForce.lines == ["2"], "multi-tagged and used images need force: \(withoutForce)")
    #expect(try f.refs() == [f.ref("multi:1"), f.ref("multi:2"), f.ref("used:1")])

    let result = try await Docksweep.run([
      "--yes", "-e", #"print(docker.images():labeled("\#(Fixture.labelKey)", "\#(f.token)"):remove{force = true})"#,
    ])
    #expect(result.status == 0, "\(result)")
    #expect(try f.imageIDs().isEmpty, "\(result)")
  }

  @Test func saveThenLoad() async throws {
    let f = try Fixture()
    defer { f.cleanUp() }
    let ids = try f.load([f.image(["save:1"]), f.image(["save:2"]), f.image(["other:1"])])
    let backup = f.scratch.appendingPathComponent("backup")
    try FileManager.default.createDirectory(at: backup, withIntermediateDirectories: true)
    let tar = backup.appendingPathComponent("images.tar").path
    let save = try await Docksweep.run([
      "--allow-write", backup.path, "-e",
      #"local n = docker.save(docker.images():match("^\#(f.prefix)/save:"), "\#(tar)") print(n > 0)"#,
    ])
    #expect(save.status == 0, "\(save)")
    #expect(save.lines == ["true"])
    let attributes = try FileManager.default.attributesOfItem(atPath: tar)
    #expect((attributes[.size] as? Int ?? 0) > 40_000)

    try TestEngine.docker(["image", "rm", f.ref("save:1"), f.ref("save:2")])
    #expect(try f.refs() == [f.ref("other:1")])

    let refused = try await Docksweep.run(["-e", #"docker.load("\#(tar)")"#])
    #expect(refused.status == 1, "\(refused)")
    #expect(try f.refs() == [f.ref("other:1")])

    let load = try await Docksweep.run([
      "--trust", "-e", #"local refs = docker.load("\#(tar)") table.sort(refs) print(table.concat(refs, ","))"#,
    ])
    #expect(load.status == 0, "\(load)")
    #expect(load.lines == [f.ref("save:1") + "," + f.ref("save:2")], "\(load)")
    #expect(try f.refs() == [f.ref("save:1"), f.ref("save:2"), f.ref("other:1")])
    #expect(try f.imageIDs() == Set(ids))
  }

  @Test func listSaveMethod() async throws {
    let f = try Fixture()
    defer { f.cleanUp() }
    try f.load([f.image(["keep:1"])])
    let tar = f.scratch.appendingPathComponent("list.tar").path
    let result = try await Docksweep.run([
      "--allow-write", f.scratch.path, "-e",
      #"print(docker.images():match("\#(f.pattern)"):save("\#(tar)") > 0)"#,
    ])
    #expect(result.status == 0, "\(result)")
    #expect(result.lines == ["true"])
    let listing = try TestEngine.docker(["image", "load", "-q", "-i", tar])
    #expect(listing.contains(f.ref("keep:1")), "the archive loads back: \(listing)")
  }
}
