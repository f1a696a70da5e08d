import FoundationEssentials
import Glibc

/// The docker CLI's configuration directory (`$DOCKER_CONFIG`, by default `~/.docker`): the current
/// context in `config.json`, and contexts stored under `contexts/meta/<sha256 of the name>/meta.json`
/// with TLS files in `contexts/tls/<same hash>/docker/{ca,cert,key}.pem`.
///
/// JSON field names match case-insensitively, as Go's `encoding/json` reads them.
struct DockerContextStore: Sendable {
  /// A stored context's docker endpoint.
  struct Context: Sendable, Equatable {
    var name: String
    /// `Endpoints.docker.Host`; empty when the context has none.
    var host: String
    /// `Endpoints.docker.SkipTLSVerify`.
    var skipTLSVerify: Bool
    /// The TLS files that exist in the context's TLS directory.
    var ca: String?
    var cert: String?
    var key: String?
  }

  /// The configuration directory.
  let directory: String

  var configPath: String { Self.join(directory, "config.json") }

  /// The directory name a context's files live under: the hex SHA-256 of its name.
  static func directoryName(for name: String) -> String {
    SHA256.hex(Array(name.utf8))
  }

  /// Where the metadata of the context `name` is.
  func metaPath(for name: String) -> String {
    Self.join(directory, "contexts", "meta", Self.directoryName(for: name), "meta.json")
  }

  /// Where the docker TLS files of the context `name` are.
  func tlsDirectory(for name: String) -> String {
    Self.join(directory, "contexts", "tls", Self.directoryName(for: name), "docker")
  }

  /// The names of the stored contexts (as `docker context ls` lists them, without `default`), sorted.
  /// - Throws: `EndpointError` when a `meta.json` exists but cannot be read.
  func contextNames() throws -> [String] {
    let meta = Self.join(directory, "contexts", "meta")
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: meta)) ?? []
    var names: [String] = []
    for entry in entries {
      let path = Self.join(meta, entry, "meta.json")
      guard let object = try readObject(at: path, missingIsNil: true) else { continue }
      if let name = Self.field(object, "Name")?.stringValue, !name.isEmpty { names.append(name) }
    }
    return names.sorted()
  }

  /// `currentContext` from `config.json`; nil when the file or the field is absent or empty.
  /// - Throws: `EndpointError` when the file exists but is not a JSON object with a string there.
  func currentContext() throws -> String? {
    guard let object = try readObject(at: configPath, missingIsNil: true) else { return nil }
    guard let value = Self.field(object, "currentContext"), value != .null else { return nil }
    guard let name = value.stringValue else {
      throw EndpointError("cannot read \(configPath): currentContext is not a string")
    }
    return name.isEmpty ? nil : name
  }

  /// The stored context `name`, or nil when it has no `meta.json`.
  /// - Throws: `EndpointError` when `meta.json` exists but cannot be read.
  func context(named name: String) throws -> Context? {
    let path = metaPath(for: name)
    guard let object = try readObject(at: path, missingIsNil: true) else { return nil }
    var host = ""
    var skipTLSVerify = false
    if let endpoints = Self.field(object, "Endpoints"), endpoints != .null {
      guard case .object(let endpoints) = endpoints else {
        throw EndpointError("cannot read \(path): Endpoints is not an object")
      }
      if let docker = endpoints["docker"], docker != .null {
        guard case .object(let docker) = docker else {
          throw EndpointError("cannot read \(path): Endpoints.docker is not an object")
        }
        if let value = Self.field(docker, "Host"), value != .null {
          guard let text = value.stringValue else { throw EndpointError("cannot read \(path): Host is not a string") }
          host = text
        }
        if let value = Self.field(docker, "SkipTLSVerify"), value != .null {
          guard case .bool(let flag) = value else {
            throw EndpointError("cannot read \(path): SkipTLSVerify is not true or false")
          }
          skipTLSVerify = flag
        }
      }
    }
    let tls = tlsDirectory(for: name)
    func existing(_ file: String) -> String? {
      let path = Self.join(tls, file)
      return FileManager.default.fileExists(atPath: path) ? path : nil
    }
    let cert = existing("cert.pem")
    let key = existing("key.pem")
    let pair = cert != nil && key != nil
    return Context(
      name: name, host: host, skipTLSVerify: skipTLSVerify, ca: existing("ca.pem"),
      cert: pair ? cert : nil, key: pair ? key : nil)
  }

  /// The JSON object in the file at `path`; nil when the file does not exist and `missingIsNil`.
  private func readObject(at path: String, missingIsNil: Bool) throws -> [String: JSONValue]? {
    var info = stat()
    guard stat(path, &info) == 0 else {
      if missingIsNil { return nil }
      throw EndpointError("cannot read \(path): no such file")
    }
    guard let data = FileContents.bytes(atPath: path) else {
      throw EndpointError("cannot read \(path): \(String(cString: strerror(errno)))")
    }
    if data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return [:] }
    let parsed: JSONValue
    do {
      parsed = try data.withUnsafeBytes { try JSONParser.parse($0) }
    } catch {
      throw EndpointError("cannot read \(path): not valid JSON")
    }
    guard case .object(let object) = parsed else {
      throw EndpointError("cannot read \(path): not a JSON object")
    }
    return object
  }

  /// The value of `key` in `object`: the exact key if present, else one differing only in case.
  static func field(_ object: [String: JSONValue], _ key: String) -> JSONValue? {
    if let value = object[key] { return value }
    let lower = key.lowercased()
    return object.first { $0.key.lowercased() == lower }?.value
  }

  /// `parts` joined with single slashes.
  static func join(_ parts: String...) -> String {
    var result = ""
    for part in parts where !part.isEmpty {
      if result.isEmpty {
        result = part
      } else {
        result =
          (result.hasSuffix("/") ? String(result.dropLast()) : result) + "/"
          + (part.hasPrefix("/") ? String(part.dropFirst()) : part)
      }
    }
    return result
  }
}
