import Testing

@testable import DockerEngine

/// Reading HTTP/1.1 answers from a byte stream handed over in pieces of every size.
@Suite struct WireReaderTests {
  /// A reader over `text`, handing out `piece` bytes per read.
  private func reader(_ text: String, piece: Int) -> WireReader {
    let bytes = Array(text.utf8)
    let position = Box(0)
    return WireReader { buffer in
      let end = min(bytes.count, position.value + piece)
      defer { position.value = end }
      buffer += bytes[position.value..<end]
      return end - position.value
    }
  }

  private final class Box: @unchecked Sendable {
    var value: Int
    init(_ value: Int) { self.value = value }
  }

  private let chunked =
    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nApi-Version: 1.41\r\n\r\n"
    + "5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nTrailer: x\r\n\r\n"

  @Test(arguments: [1, 2, 3, 7, 64, 4096])
  func chunkedBodyIsJoined(piece: Int) throws {
    var r = reader(chunked, piece: piece)
    let answer = try r.read()
    #expect(answer.status == 200 && answer.reason == "OK")
    #expect(String(decoding: answer.body, as: UTF8.self) == "hello, world")
    #expect(answer.header("api-version") == "1.41")
    #expect(answer.keepAlive)
  }

  @Test(arguments: [1, 5, 4096])
  func lengthDelimitedAnswersFollowOneAnother(piece: Int) throws {
    let two =
      "HTTP/1.1 404 Not Found\r\nContent-Length: 29\r\nContent-Type: application/json\r\n\r\n"
      + "{\"message\":\"No such image\"}\n\r"
      + "HTTP/1.1 204 No Content\r\n\r\n"
    var r = reader(two, piece: piece)
    let first = try r.read()
    #expect(first.status == 404 && first.reason == "Not Found")
    #expect(first.body.count == 29)
    let second = try r.read()
    #expect(second.status == 204 && second.body.isEmpty)
  }

  @Test func closeDelimitedBodyReadsToTheEndAndIsNotKept() throws {
    var r = reader("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nall of it", piece: 3)
    let answer = try r.read()
    #expect(String(decoding: answer.body, as: UTF8.self) == "all of it")
    #expect(!answer.keepAlive)
  }

  @Test func headAnswerHasNoBody() throws {
    var r = reader("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n", piece: 10)
    #expect(try r.read(bodyless: true).body.isEmpty)
  }

  @Test func endingsAndGarbageAreTold() {
    var empty = reader("", piece: 10)
    #expect(throws: WireError.closedBeforeAnswer) { try empty.read() }
    var cut = reader("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", piece: 10)
    #expect(throws: WireError.truncated) { try cut.read() }
    var cutHead = reader("HTTP/1.1 200 OK\r\nContent-Le", piece: 10)
    #expect(throws: WireError.truncated) { try cutHead.read() }
    var cutChunk = reader("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel", piece: 10)
    #expect(throws: WireError.truncated) { try cutChunk.read() }
    var notHTTP = reader("SSH-2.0-OpenSSH\r\n\r\n", piece: 10)
    #expect(throws: WireError.self) { try notHTTP.read() }
    var badSize = reader("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", piece: 10)
    #expect(throws: WireError.self) { try badSize.read() }
  }

  @Test func headsAreReadFieldByField() throws {
    let head = try WireReader.parseHead(
      Array(
        "HTTP/1.1 409 Conflict With Spaces\r\nApi-Version:  1.41 \r\nX-Empty:\r\nConnection: Keep-Alive, Close\r\n".utf8
      )[...])
    #expect(head.status == 409 && head.reason == "Conflict With Spaces")
    #expect(head.header("api-version") == "1.41" && head.header("X-Empty") == "")
    #expect(!head.keepAlive)
    let bare = try WireReader.parseHead(Array("HTTP/1.0 204".utf8)[...])
    #expect(bare.status == 204 && bare.reason == "" && bare.headers.isEmpty && !bare.keepAlive)
    let kept = try WireReader.parseHead(Array("HTTP/1.0 200 OK\nConnection: keep-alive\n".utf8)[...])
    #expect(kept.keepAlive && kept.header("connection") == "keep-alive")
    for bad in [
      "HTTP/1.1", "HTTP/2 200 OK", "HTTP/1.1 20x OK", "HTTP/1.1 99 Low", "", "HTTP/1.1 200 OK\r\nNo colon here",
    ] {
      #expect(throws: WireError.self, "\(bad)") { try WireReader.parseHead(Array(bad.utf8)[...]) }
    }
  }

  @Test func bodiesOverTheLimitAreRefused() {
    var long = reader(
      "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + String(repeating: "x", count: 100), piece: 50)
    #expect(throws: WireError.tooLarge(limit: 10)) { try long.read(limit: 10) }
    var chunks = reader(chunked, piece: 50)
    #expect(throws: WireError.tooLarge(limit: 8)) { try chunks.read(limit: 8) }
  }

  @Test func interimAnswersAreSkippedAndLeftoverBytesAreSeen() throws {
    var r = reader(
      "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 102 Processing\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOKjunk",
      piece: 4096)
    let answer = try r.read()
    #expect(answer.status == 200 && answer.body == Array("OK".utf8))
    #expect(!r.isDrained)
    var clean = reader("HTTP/1.1 204 No Content\r\n\r\n", piece: 4096)
    _ = try clean.read()
    #expect(clean.isDrained)
  }

  /// A chunk size near Int.max is refused, not added up into an overflow.
  @Test func hugeChunkSizeIsTooLarge() {
    var r = reader(
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n7fffffffffffffff\r\n", piece: 4096)
    #expect(throws: WireError.tooLarge(limit: 100)) { try r.read(limit: 100) }
  }

  /// Each answer on a connection has the limit of its own request (a small ping, then a large list).
  @Test func limitBelongsToEachAnswer() throws {
    let big = String(repeating: "y", count: 5_000)
    var r = reader(
      "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK" + "HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n" + big,
      piece: 700)
    #expect(try r.read(limit: 10).body.count == 2)
    #expect(try r.read(limit: 10_000).body.count == 5_000)
  }

  @Test func requestBytesCarryHostLengthAndBody() {
    var request = EngineRequest(.POST, "/containers/create")
    request.jsonBody(Array("{}".utf8))
    let text = String(decoding: request.wireBytes(uri: "/v1.41/containers/create?name=a"), as: UTF8.self)
    #expect(
      text
        == "POST /v1.41/containers/create?name=a HTTP/1.1\r\nHost: docker\r\nUser-Agent: docksweep\r\n"
        + "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
    let get = String(decoding: EngineRequest(.GET, "/_ping").wireBytes(uri: "/_ping"), as: UTF8.self)
    #expect(get == "GET /_ping HTTP/1.1\r\nHost: docker\r\nUser-Agent: docksweep\r\n\r\n")
  }
}
