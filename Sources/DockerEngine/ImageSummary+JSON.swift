extension ImageSummary {
  /// A summary from one element of `GET /images/json` read by ``JSONParser``, by the rules of `init(from:)`:
  /// `Id` is required, the other members may be missing or null, and a member of the wrong type is an error.
  init(json: JSONValue) throws {
    guard case .object(let members) = json else { throw JSONParser.Failure.mismatch("an image", expected: "an object") }
    func string(_ key: String) throws -> String? {
      switch members[key] {
      case nil, .null?: return nil
      case .string(let value)?: return value
      default: throw JSONParser.Failure.mismatch(key, expected: "a string")
      }
    }
    func strings(_ key: String) throws -> [String] {
      switch members[key] {
      case nil, .null?: return []
      case .array(let elements)?:
        return try elements.map { element in
          guard case .string(let value) = element else { throw JSONParser.Failure.mismatch(key, expected: "strings") }
          return value
        }
      default: throw JSONParser.Failure.mismatch(key, expected: "an array")
      }
    }
    func integer(_ key: String) throws -> Int64? {
      switch members[key] {
      case nil, .null?: return nil
      case .integer(let value)?: return value
      default: throw JSONParser.Failure.mismatch(key, expected: "a whole number")
      }
    }
    guard let id = try string("Id") else { throw JSONParser.Failure.mismatch("Id", expected: "a string") }
    var labels: [String: String] = [:]
    switch members["Labels"] {
    case nil, .null?: break
    case .object(let pairs)?:
      for (key, value) in pairs {
        guard case .string(let text) = value else { throw JSONParser.Failure.mismatch("Labels", expected: "strings") }
        labels[key] = text
      }
    default: throw JSONParser.Failure.mismatch("Labels", expected: "an object")
    }
    let containers = try integer("Containers")
    guard containers.map({ Int(exactly: $0) != nil }) ?? true else {
      throw JSONParser.Failure.mismatch("Containers", expected: "an Int")
    }
    self.init(
      id: id,
      parentID: try string("ParentId") ?? "",
      repoTags: try strings("RepoTags").filter { $0 != "<none>:<none>" },
      repoDigests: try strings("RepoDigests").filter { $0 != "<none>@<none>" },
      created: try integer("Created") ?? 0,
      size: try integer("Size") ?? 0,
      sharedSize: try integer("SharedSize") ?? -1,
      virtualSize: try integer("VirtualSize"),
      labels: labels,
      containers: containers.map { Int($0) } ?? -1)
  }
}
