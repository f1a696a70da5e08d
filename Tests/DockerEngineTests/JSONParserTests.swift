import Foundation
import Testing

@testable import DockerEngine

/// JSONParser reads JSON texts as RFC 8259 defines them (stricter than JSONDecoder, which takes trailing commas),
/// and `ImageSummary.list(json:)` agrees with `ImageSummary.init(from:)`.
@Suite struct JSONParserTests {
  func parse(_ text: String) throws -> JSONValue {
    try Array(text.utf8).withUnsafeBytes { try JSONParser.parse($0) }
  }

  @Test func readsEveryKindOfValue() throws {
    let value = try parse(#" { "a": [1, -2, 3.5, true, false, null, "x"], "b": {}, "c": [], "d": {"e": ""} } "#)
    #expect(
      value
        == .object([
          "a": .array([.integer(1), .integer(-2), .double(3.5), .bool(true), .bool(false), .null, .string("x")]),
          "b": .object([:]), "c": .array([]), "d": .object(["e": .string("")]),
        ]))
  }

  static let strings: [(String, String)] = [
    (#""plain""#, "plain"), (#""a\"b\\c\/d""#, "a\"b\\c/d"), (#""\b\f\n\r\t""#, "\u{8}\u{c}\n\r\t"),
    (#""caf\u00e9 \u65E5""#, "café 日"), (#""\ud83d\ude00""#, "😀"), (#""\ud83d x""#, "\u{FFFD} x"),
    ("\"é日😀\"", "é日😀"), (#""tail\n""#, "tail\n"),
  ]

  @Test(arguments: strings)
  func readsStrings(text: String, expected: String) throws {
    #expect(try parse(text) == .string(expected))
  }

  static let numbers: [(String, JSONValue)] = [
    ("0", .integer(0)), ("-0", .integer(0)), ("42", .integer(42)), ("-7", .integer(-7)),
    ("9223372036854775807", .integer(Int64.max)), ("-9223372036854775808", .integer(Int64.min)),
    ("9223372036854775808", .double(9_223_372_036_854_775_808)), ("1.5", .double(1.5)), ("1e3", .double(1000)),
    ("-2.5E-2", .double(-0.025)), ("1E+2", .double(100)),
  ]

  @Test(arguments: numbers)
  func readsNumbers(text: String, expected: JSONValue) throws {
    #expect(try parse(text) == expected)
  }

  static let invalid = [
    "", " ", "[1,]", "[1 2]", "{\"a\" 1}", "{\"a\":1,}", "{a:1}", "01", "1.", "-", "1e", ".5", "\"abc", "tru",
    "nul", "[", "{", "\"a\u{1}\"", #""\x""#, #""\u12G4""#, "[1]]", "true false",
  ]

  @Test(arguments: invalid)
  func rejectsWhatIsNotJSON(text: String) {
    #expect(throws: JSONParser.Failure.self) { try parse(text) }
  }

  @Test func limitsNesting() throws {
    let depth = JSONParser.maxDepth
    #expect(try parse(String(repeating: "[", count: depth) + String(repeating: "]", count: depth)) != .null)
    #expect(throws: JSONParser.Failure.self) {
      try parse(String(repeating: "[", count: depth + 1) + String(repeating: "]", count: depth + 1))
    }
  }

  @Test func failuresSayWhere() {
    #expect(throws: JSONParser.Failure.self) { try parse("[1, x]") }
    do {
      _ = try parse("[1, x]")
    } catch {
      #expect("\(error)" == "invalid JSON at byte 4: expected a value")
    }
  }

  /// An answer of `GET /images/json` as engines of several versions send it.
  static let imagesAnswer = #"""
    [
      {"Containers": -1, "Created": 1593119265, "Id": "sha256:aaa", "Labels": {"docksweep.fixture": "article"},
       "ParentId": "", "RepoDigests": null, "RepoTags": ["postgres:13-beta2", "myorg/pg:keep"],
       "SharedSize": -1, "Size": 14006144, "VirtualSize": 14006144},
      {"Containers": 2, "Created": 1591783200, "Id": "sha256:bbb", "Labels": null, "ParentId": "sha256:p",
       "RepoDigests": ["<none>@<none>"], "RepoTags": ["<none>:<none>"], "SharedSize": 6000000, "Size": 8006144},
      {"Id": "sha256:ccc", "RepoTags": [], "RepoDigests": ["app@sha256:ddd"], "Created": 0, "Size": 0}
    ]
    """#

  @Test func imageSummariesMatchTheDecodable() throws {
    let decoded = try JSONDecoder().decode([ImageSummary].self, from: Data(Self.imagesAnswer.utf8))
    let parsed = try list(Self.imagesAnswer)
    #expect(parsed == decoded)
    #expect(parsed[1].repoTags.isEmpty && parsed[1].containers == 2 && parsed[2].sharedSize == -1)
  }

  static let wrongImages = [
    #"{"Size": 1}"#, #"{"Id": 1}"#, #"{"Id": "x", "Size": "1"}"#, #"{"Id": "x", "RepoTags": "a:b"}"#,
    #"{"Id": "x", "RepoTags": [1]}"#, #"{"Id": "x", "Labels": {"a": 1}}"#, #"{"Id": "x", "Created": 1.5}"#, "[]",
  ]

  @Test(arguments: wrongImages)
  func imageSummariesRejectWrongTypes(text: String) throws {
    #expect(throws: JSONParser.Failure.self) { try list("[\(text)]") }
    #expect(throws: (any Error).self) { try JSONDecoder().decode(ImageSummary.self, from: Data(text.utf8)) }
  }

  func list(_ text: String) throws -> [ImageSummary] {
    try Array(text.utf8).withUnsafeBytes { try ImageSummary.list(json: $0) }
  }

  @Test func imageListsReadTheWholeTextStrictly() throws {
    #expect(try list(" [ ] ").isEmpty)
    #expect(try list(#"[{"Id": "x", "Manifests": [{"a": [1, {"b": null}]}], "Extra": 1.5e3}]"#).map(\.id) == ["x"])
    for text in [
      #"{"Id": "x"}"#, #"[{"Id": "x"}"#, #"[{"Id": "x"},]"#, #"[{"Id": "x"}] 1"#, #"[{"Id": "x", "More": [1,]}]"#,
      #"[{"Id": "x" "Size": 1}]"#, "",
    ] {
      #expect(throws: JSONParser.Failure.self, "\(text)") { try list(text) }
    }
  }

  @Test func imageListsNameWhatIsWrong() {
    for (text, message) in [
      (#"{"Id": "x"}"#, "the answer is not an array"), (#"[1]"#, "an image is not an object"),
      (#"[{"Size": 1}]"#, "Id is not a string"), (#"[{"Id": "x", "Created": 1.5}]"#, "Created is not a whole number"),
      (#"[{"Id": "x", "Labels": {"a": 1}}]"#, "Labels is not strings"),
      (#"[{"Id": "x", "RepoTags": "a:b"}]"#, "RepoTags is not an array"),
      ("[{]", "invalid JSON at byte 2: expected a member name"),
    ] {
      #expect(throws: (any Error).self) { try list(text) }
      do {
        _ = try list(text)
      } catch {
        #expect("\(error)" == message)
      }
    }
  }
}
