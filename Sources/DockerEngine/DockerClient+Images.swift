import AsyncHTTPClient
import DockerFormats
import FoundationEssentials
import NIOCore

extension DockerClient {
  /// The images, as `docker image ls` sees them (`GET /images/json`).
  ///
  /// - Parameters:
  ///   - all: Also list intermediate images.
  ///   - filters: `dangling`, `label`, `before`, `since`, `reference`, `until`.
  public func images(all: Bool = false, filters: Filters = Filters()) async throws -> [ImageSummary] {
    var request = EngineRequest(.GET, "/images/json")
    request.query("all", flag: all)
    request.query(filters: filters)
    // Read straight from the bytes rather than with JSONDecoder: engines list thousands of tags, and this is
    // the hot path.
    let (_, body) = try await sendCollecting(request)
    do {
      return try body.withUnsafeReadableBytes { try ImageSummary.list(json: $0) }
    } catch {
      throw DockerError(
        kind: .protocolError, message: "cannot decode the answer to \(request.summary) as [ImageSummary]: \(error)")
    }
  }

  /// One image's full description (`GET /images/{name}/json`); `.notFound` when there is no such image.
  public func inspectImage(_ reference: String) async throws -> ImageInspect {
    try await sendDecoding(ImageInspect.self, EngineRequest(.GET, "/images/\(reference)/json"))
  }

  /// Removes an image by reference or ID, as `docker image rm` does (`DELETE /images/{name}`).
  ///
  /// A reference of an image that has other references is only untagged. An image in use by a container
  /// is a `.conflict` error whose message is the engine's, e.g.
  /// `conflict: unable to remove repository reference "x" (must force) - container 0123456789ab is using ...`.
  ///
  /// - Returns: What was untagged and deleted, in the engine's order.
  public func removeImage(_ reference: String, force: Bool = false, noprune: Bool = false) async throws
    -> [ImageDeleteItem]
  {
    var request = EngineRequest(.DELETE, "/images/\(reference)")
    request.query("force", flag: force)
    request.query("noprune", flag: noprune)
    return try await sendDecoding([ImageDeleteItem].self, request)
  }

  /// Removes unused images (`POST /images/prune`): dangling ones, or with `dangling=false` every image
  /// no container uses; `until` and `label`/`label!` narrow it further.
  public func pruneImages(filters: Filters = Filters()) async throws -> ImagePruneReport {
    var request = EngineRequest(.POST, "/images/prune")
    request.query(filters: filters)
    return try await sendDecoding(ImagePruneReport.self, request)
  }

  /// Adds the reference `repo:tag` to the image `source` (`POST /images/{name}/tag`).
  public func tagImage(source: String, repo: String, tag: String = "latest") async throws {
    var request = EngineRequest(.POST, "/images/\(source)/tag")
    request.query("repo", repo)
    request.query("tag", tag)
    _ = try await sendCollecting(request)
  }

  /// Writes the images as one `docker save` archive at `path` (`GET /images/get?names=...`).
  ///
  /// The archive is streamed to disk chunk by chunk into a temporary file next to `path`, which replaces
  /// `path` only when complete.
  ///
  /// - Returns: The archive's size in bytes.
  @discardableResult
  public func saveImages(_ references: [String], to path: String) async throws -> Int64 {
    var request = EngineRequest(.GET, "/images/get")
    for reference in references { request.query("names", reference) }
    request.isLongRunning = true
    let writer = try FileWriter(path: path)
    var written: Int64 = 0
    do {
      let response = try await send(request)
      do {
        for try await chunk in response.body {
          try await writer.write(chunk)
          written += Int64(chunk.readableBytes)
        }
      } catch let error as DockerError {
        throw error
      } catch {
        throw transport.translate(error, request: request, phase: .body)
      }
      try await writer.commit()
    } catch {
      writer.discard()
      throw error
    }
    return written
  }

  /// Loads a `docker save` archive from `path` (`POST /images/load`), streaming the file as the body.
  ///
  /// - Returns: What the engine reports loaded: references (`busybox:latest`) for tagged images,
  ///   IDs (`sha256:...`) for untagged ones.
  /// - Throws: `DockerError` for an unreadable file, or with the engine's message when it rejects the archive.
  @discardableResult
  public func loadImages(from path: String) async throws -> [String] {
    let reader = try FileReader(path: path)
    var request = EngineRequest(.POST, "/images/load")
    request.query("quiet", "1")
    request.headers.append((name: "Content-Type", value: "application/x-tar"))
    request.body = .stream(reader.chunks(), length: .known(reader.size))
    request.isLongRunning = true
    var loaded: [String] = []
    try await forEachMessage(of: request) { message in
      try message.check()
      guard let text = message.stream ?? message.status else { return }
      for line in text.split(separator: "\n") {
        for prefix in ["Loaded image ID: ", "Loaded image: "] where line.hasPrefix(prefix) {
          loaded.append(String(line.dropFirst(prefix.count)).trimmingWhitespace())
          break
        }
      }
    }
    return loaded
  }

  /// Pulls `reference` from its registry (`POST /images/create`), reporting each progress message.
  ///
  /// A reference without a tag or digest pulls `:latest`, as `docker pull` does. An error the engine reports
  /// inside its answer (after status 200) is thrown like any other engine error.
  public func pullImage(_ reference: String, progress: (PullProgress) -> Void = { _ in }) async throws {
    let (name, tag) = Self.splitReference(reference)
    var request = EngineRequest(.POST, "/images/create")
    request.query("fromImage", name)
    request.query("tag", tag)
    request.isLongRunning = true
    try await forEachMessage(of: request) { message in
      try message.check()
    } lines: { line in
      if let item = try? JSONDecoder().decode(PullProgress.self, from: Data(line.readableBytesView)),
        !item.status.isEmpty
      {
        progress(item)
      }
    }
  }

  /// The name and tag (or digest) the engine wants for a pull: `busybox` → (`busybox`, `latest`),
  /// `host:5000/app:1.2` → (`host:5000/app`, `1.2`), `app@sha256:ab..` → (`app`, `sha256:ab..`).
  static func splitReference(_ reference: String) -> (name: String, tag: String) {
    if let at = reference.firstIndex(of: "@") {
      return (String(reference[..<at]), String(reference[reference.index(after: at)...]))
    }
    let lastSlash = reference.lastIndex(of: "/")
    if let colon = reference.lastIndex(of: ":"), lastSlash.map({ colon > $0 }) ?? true {
      return (String(reference[..<colon]), String(reference[reference.index(after: colon)...]))
    }
    return (reference, "latest")
  }

  /// Sends a request whose answer is a stream of JSON messages and hands each to `body`
  /// (and its raw line to `lines`).
  func forEachMessage(
    of request: EngineRequest,
    _ body: (StreamMessage) throws -> Void,
    lines: (ByteBuffer) throws -> Void = { _ in }
  ) async throws {
    let response = try await send(request)
    do {
      for try await line in JSONLineSequence(response.body) {
        let (message, raw) = try StreamMessage.decode(line, request: request)
        try body(message)
        try lines(raw)
      }
    } catch let error as DockerError {
      throw error
    } catch {
      throw transport.translate(error, request: request, phase: .body)
    }
  }
}
