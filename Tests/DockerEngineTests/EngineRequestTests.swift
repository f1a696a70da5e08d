import NIOCore
import Testing

@testable import DockerEngine

/// Request building, version handling and stream splitting, without an engine.
@Suite struct EngineRequestTests {
  @Test func uriHasVersionPrefixAndEncodedQuery() {
    var request = EngineRequest(.DELETE, "/images/localhost:5000/app:1 beta")
    request.query("force", flag: true)
    request.query("noprune", flag: false)
    request.query(filters: ["label": ["a=b c"]])
    #expect(
      request.uri(version: APIVersion(major: 1, minor: 41))
        == "/v1.41/images/localhost:5000/app:1%20beta?force=1&filters=%7B%22label%22%3A%7B%22a%3Db%20c%22%3Atrue%7D%7D")
    var ping = EngineRequest(.GET, "/_ping")
    ping.versioned = false
    #expect(ping.uri(version: APIVersion(major: 1, minor: 41)) == "/_ping")
    let names = ["a:1", "b@sha256:00"].reduce(into: EngineRequest(.GET, "/images/get")) { $0.query("names", $1) }
    #expect(names.uri(version: nil) == "/images/get?names=a%3A1&names=b%40sha256%3A00")
  }

  @Test func apiVersionsParseAndOrderNumerically() {
    #expect(APIVersion("1.41") == APIVersion(major: 1, minor: 41))
    #expect(APIVersion("v1.9")?.description == "1.9")
    #expect(APIVersion("1.9")! < APIVersion("1.10")!)
    #expect(min(APIVersion("1.60")!, APIVersion.clientMaximum) == APIVersion.clientMaximum)
    for bad in ["", "1", "1.", "1.x", "1.2.3", "latest", "-1.2"] {
      #expect(APIVersion(bad) == nil, "\(bad)")
    }
  }

  @Test func pullReferencesSplitIntoNameAndTag() {
    #expect(DockerClient.splitReference("busybox") == ("busybox", "latest"))
    #expect(DockerClient.splitReference("busybox:1.36") == ("busybox", "1.36"))
    #expect(DockerClient.splitReference("host:5000/app") == ("host:5000/app", "latest"))
    #expect(DockerClient.splitReference("host:5000/app:2") == ("host:5000/app", "2"))
    #expect(DockerClient.splitReference("app@sha256:ab") == ("app", "sha256:ab"))
  }

  @Test func errorKindsFollowStatus() {
    #expect(DockerError.kind(forStatus: 404) == .notFound)
    #expect(DockerError.kind(forStatus: 409) == .conflict)
    #expect(DockerError.kind(forStatus: 400) == .badRequest)
    #expect(DockerError.kind(forStatus: 403) == .permissionDenied)
    #expect(DockerError.kind(forStatus: 500) == .server)
    #expect(DockerError(kind: .conflict, status: 409, message: "x").description == "Error response from daemon: x")
    #expect(DockerError(kind: .unreachable, message: "y").description == "y")
  }

  @Test func engineMessagesAreReadVerbatim() {
    #expect(
      EngineTransport.engineMessage(in: ByteBuffer(string: #"{"message":"No such image: a:1"}"#))
        == "No such image: a:1")
    #expect(EngineTransport.engineMessage(in: ByteBuffer(string: "page not found\n")) == "page not found")
    #expect(EngineTransport.engineMessage(in: ByteBuffer()) == nil)
  }

  @Test func linesSplitAcrossChunks() async throws {
    let chunks = ["{\"a\":1}\n{\"b\"", ":2}\r\n\n  \n{\"c\":3}", "\n{\"d\":4}"].map { ByteBuffer(string: $0) }
    var lines: [String] = []
    for try await line in JSONLineSequence(Chunks(chunks)) {
      lines.append(String(buffer: line))
    }
    #expect(lines == [#"{"a":1}"#, #"{"b":2}"#, #"{"c":3}"#, #"{"d":4}"#])
  }

  @Test func overlongLineIsAProtocolError() async throws {
    var sequence = JSONLineSequence(Chunks([ByteBuffer(string: String(repeating: "x", count: 100))]))
    sequence.maximumLineLength = 10
    let error = try await #require(throws: DockerError.self) {
      for try await _ in sequence {}
    }
    #expect(error.kind == .protocolError)
  }

  /// Fixed chunks as an async sequence.
  struct Chunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let chunks: [ByteBuffer]
    init(_ chunks: [ByteBuffer]) { self.chunks = chunks }
    struct AsyncIterator: AsyncIteratorProtocol {
      var remaining: [ByteBuffer]
      mutating func next() async -> ByteBuffer? { remaining.isEmpty ? nil : remaining.removeFirst() }
    }
    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(remaining: chunks) }
  }
}

/// `POST /build/prune` in the form each API version takes.
@Suite struct BuildPruneRequestTests {
  @Test func keepStorageBeforeAPI148MaxUsedSpaceFrom148() {
    let old = DockerClient.buildPruneRequest(
      version: APIVersion(major: 1, minor: 41), keepStorage: 5_000_000_000, unusedFor: 172_800, all: false)
    #expect(
      old.uri(version: APIVersion(major: 1, minor: 41))
        == "/v1.41/build/prune?keep-storage=5000000000&filters=%7B%22until%22%3A%7B%22172800s%22%3Atrue%7D%7D")
    let new = DockerClient.buildPruneRequest(
      version: APIVersion(major: 1, minor: 48), keepStorage: 1000, unusedFor: nil, all: true)
    #expect(new.uri(version: APIVersion(major: 1, minor: 48)) == "/v1.48/build/prune?all=1&max-used-space=1000")
    let bare = DockerClient.buildPruneRequest(
      version: APIVersion(major: 1, minor: 51), keepStorage: nil, unusedFor: nil, all: false)
    #expect(bare.uri(version: APIVersion(major: 1, minor: 51)) == "/v1.51/build/prune")
  }

  @Test func pruneOfChosenRecordsNamesThem() {
    let request = DockerClient.buildPruneRequest(
      version: APIVersion(major: 1, minor: 41), keepStorage: nil, unusedFor: nil, all: true, ids: ["abc"])
    #expect(
      request.uri(version: APIVersion(major: 1, minor: 41))
        == "/v1.41/build/prune?all=1&filters=%7B%22id%22%3A%7B%22abc%22%3Atrue%7D%7D")
  }
}
