extension ImageSummary {
  /// The summaries of a `GET /images/json` answer, read straight from its bytes by the rules of
  /// `init(from:)`: `Id` is required, the other members may be missing or null, a member of the wrong type
  /// is an error, and members of other names are skipped (but must be JSON).
  static func list(json bytes: UnsafeRawBufferPointer) throws -> [ImageSummary] {
    try JSONParser.array(bytes, of: "the answer") { try ImageSummary(reading: &$0) }
  }

  /// One element of the answer, at `reader`'s position.
  init(reading reader: inout JSONParser.Reader) throws {
    guard reader.current == UInt8(ascii: "{") else {
      throw JSONParser.Failure.mismatch("an image", expected: "an object")
    }
    var id: String?
    var parentID: String?
    var repoTags: [String]?
    var repoDigests: [String]?
    var created: Int64?
    var size: Int64?
    var sharedSize: Int64?
    var virtualSize: Int64?
    var labels: [String: String]?
    var containers: Int64?
    try reader.members { name, reader in
      switch name {
      case "Id": id = try reader.string(orNull: name)
      case "ParentId": parentID = try reader.string(orNull: name)
      case "RepoTags": repoTags = try reader.strings(orNull: name)
      case "RepoDigests": repoDigests = try reader.strings(orNull: name)
      case "Created": created = try reader.integer(orNull: name)
      case "Size": size = try reader.integer(orNull: name)
      case "SharedSize": sharedSize = try reader.integer(orNull: name)
      case "VirtualSize": virtualSize = try reader.integer(orNull: name)
      case "Labels": labels = try reader.stringMembers(orNull: name)
      case "Containers": containers = try reader.integer(orNull: name)
      default: _ = try reader.value()
      }
    }
    guard let id else { throw JSONParser.Failure.mismatch("Id", expected: "a string") }
    guard containers.map({ Int(exactly: $0) != nil }) ?? true else {
      throw JSONParser.Failure.mismatch("Containers", expected: "an Int")
    }
    self.init(
      id: id,
      parentID: parentID ?? "",
      repoTags: (repoTags ?? []).filter { $0 != "<none>:<none>" },
      repoDigests: (repoDigests ?? []).filter { $0 != "<none>@<none>" },
      created: created ?? 0,
      size: size ?? 0,
      sharedSize: sharedSize ?? -1,
      virtualSize: virtualSize,
      labels: labels ?? [:],
      containers: containers.map { Int($0) } ?? -1)
  }
}
