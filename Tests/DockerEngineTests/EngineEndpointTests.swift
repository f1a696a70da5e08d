import Foundation
import Testing

@testable import DockerEngine

/// A throwaway docker configuration directory, laid out as the docker CLI writes it.
private struct ConfigDirectory {
  let root: URL

  init() throws {
    root = FileManager.default.temporaryDirectory.appendingPathComponent("docksweep-endpoint-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
  }

  var path: String { root.path }

  func remove() { try? FileManager.default.removeItem(at: root) }

  func write(_ relativePath: String, _ text: String) throws {
    let url = root.appendingPathComponent(relativePath)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
  }

  /// Stores a context under `directory` (the hex SHA-256 of its name, computed by the caller).
  func addContext(_ name: String, directory: String, host: String?, skipTLSVerify: Bool = false) throws {
    let endpoint = host.map { #"{"docker":{"Host":"\#($0)","SkipTLSVerify":\#(skipTLSVerify)}}"# } ?? "{}"
    try write(
      "contexts/meta/\(directory)/meta.json",
      #"{"Name":"\#(name)","Metadata":{"Description":"test"},"Endpoints":\#(endpoint)}"#)
  }

  func addTLS(_ directory: String, files: [String]) throws {
    for file in files { try write("contexts/tls/\(directory)/docker/\(file)", "PEM") }
  }
}

@Suite struct EngineEndpointTests {
  /// The hex SHA-256 of "staging", the directory the docker CLI stores that context in.
  static let stagingHash = "e919a75364398a449f860aeadddc57fa0502145a4e63959ddb33c417a48dc0da"

  private func resolve(
    host: String? = nil, context: String? = nil, _ config: ConfigDirectory, _ environment: [String: String] = [:]
  ) throws -> EngineEndpoint {
    var environment = environment
    if environment["HOME"] == nil && environment["DOCKER_CONFIG"] == nil { environment["DOCKER_CONFIG"] = config.path }
    return try EngineEndpoint.resolve(host: host, context: context, environment: environment)
  }

  private func expectError(_ expected: [String], _ body: () throws -> EngineEndpoint) {
    do {
      let endpoint = try body()
      Issue.record("resolved to \(endpoint)")
    } catch let error as EndpointError {
      for part in expected { #expect(error.description.contains(part), "\(error)") }
    } catch {
      Issue.record("unexpected error \(error)")
    }
  }

  @Test func defaultsToTheStandardSocket() throws {
    let config = try ConfigDirectory()
    defer { config.remove() }
    let endpoint = try resolve(config)
    #expect(
      endpoint == EngineEndpoint(transport: .unix(path: "/var/run/docker.sock"), tls: nil, contextName: "default"))
    #expect(endpoint.description == "unix:///var/run/docker.sock")
  }

  @Test func dockerHostMeansTheDefaultContext() throws {
    let config = try ConfigDirectory()
    defer { config.remove() }
    try config.addContext("staging", directory: Self.stagingHash, host: "tcp://staging:2376")
    try config.write("config.json", #"{"currentContext":"staging"}"#)
    let endpoint = try resolve(
      config, ["DOCKER_HOST": "unix:///tmp/docksweep-engine/docker.sock", "DOCKER_CONTEXT": "staging"])
    #expect(endpoint.transport == .unix(path: "/tmp/docksweep-engine/docker.sock"))
    #expect(endpoint.contextName == "default")
    #expect(endpoint.description == "unix:///tmp/docksweep-engine/docker.sock")
  }

  @Test func hostOptionBeatsEverythingButContext() throws {
    let config = try ConfigDirectory()
    defer { config.remove() }
    try config.addContext("staging", directory: Self.stagingHash, host: "tcp://staging:2376")
    let endpoint = try resolve(
      host: "tcp://build1:2375", config, ["DOCKER_HOST": "unix:///x.sock", "DOCKER_CONTEXT": "staging"])
    #expect(endpoint == EngineEndpoint(transport: .tcp(host: "build1", port: 2375), contextName: "default"))
  }

  @Test func contextOptionBeatsDockerHost() throws {
    let config = try ConfigDirectory()
    defer { config.remove() }
    try config.addContext("staging", directory: Self.stagingHash, host: "tcp://staging:2375")
    let endpoint = try resolve(context: "staging", config, ["DOCKER_HOST": "unix:///x.sock"])
    #expect(endpoint == EngineEndpoint(transport: .tcp(host: "staging", port: 2375), contextName: "staging"))
  }

  @Test func contextAndHostTogetherConflict() throws {
    let config = try ConfigDirectory()
    defer { config.remove() }
    expectError(["conflicting options", "--host", "--context"]) {
      try resolve(host: "tcp://build1:2375", context: "staging", config)
    }
  }

  @Test func dockerContextBeatsCurrentContext() throws {
    let config = try ConfigDirectory()
    defer { config.remove() }
    try config.addContext("staging", directory: Self.stagingHash, host: "unix:///staging.sock")
    try config.write("config.json", #"{"auths":{},"currentContext":"nowhere"}"#)
    let endpoint = try resolve(config, ["DOCKER_CONTEXT": "staging"])
    #expect(endpoint.transport == .unix(path: "/staging.sock"))
    #expect(endpoint.contextName == "staging")
  }

  @Test func currentContextComesFromConfigJSON() throws {
    let config = try ConfigDirectory()
    defer { config.remove() }
    try config.addContext("staging", directory: Self.stagingHash, host: "ssh://me@staging:2222")
    try config.write("config.json", #"{"currentContext":"staging"}"#)
    let endpoint = try resolve(config)
    #expect(
      endpoint == EngineEndpoint(transport: .ssh(user: "me", host: "staging", port: 2222), contextName: "staging"))
  }

  @Test func configDirectoryDefaultsToHomeDotDocker() throws {
    let home = try ConfigDirectory()
    defer { home.remove() }
    try home.write(".docker/config.json", #"{"CurrentContext":"staging"}"#)
    try home.write(
      ".docker/contexts/meta/\(Self.stagingHash)/meta.json",
      #"{"name":"staging","endpoints":{"docker":{"host":"unix:///home.sock"}}}"#)
    let endpoint = try EngineEndpoint.resolve(host: nil, context: nil, environment: ["HOME": home.path])
    #expect(endpoint.transport == .unix(path: "/home.sock"))
    #expect(endpoint.contextName == "staging")
  }

  @Test func contextNamedDefaultIsTheEnvironment() throws {
    let config = try ConfigDirectory()
    defer { config.remove() }
    try config.write("config.json", #"{"currentContext":"default"}"#)
    #expect(try resolve(config).transport == .unix(path: "/var/run/docker.sock"))
    #expect(try resolve(config, ["DOCKER_CONTEXT": "default"]).contextName == "default")
    let endpoint = try resolve(context: "default", config, ["DOCKER_HOST": "tcp://build1:2375"])
    #expect(endpoint == EngineEndpoint(transport: .tcp(host: "build1", port: 2375), contextName: "default"))
  }

  @Test func missingContextNamesItselfAndWhereItLooked() throws {
    let config = try ConfigDirectory()
    defer { config.remove() }
    let meta = "\(config.path)/contexts/meta/\(Self.stagingHash)/meta.json"
    expectError([#"context "staging" (from --context) not found"#, meta]) { try resolve(context: "staging", config) }
    expectError([#"context "staging" (from DOCKER_CONTEXT) not found"#, meta]) {
      try resolve(config, ["DOCKER_CONTEXT": "staging"])
    }
    try config.write("config.json", #"{"currentContext":"staging"}"#)
    expectError([#"context "staging" (from currentContext in \#(config.path)/config.json) not found"#, meta]) {
      try resolve(config)
    }
  }

  @Test func contextDirectoryIsTheSHA256OfTheName() throws {
    let config = try ConfigDirectory()
    defer { config.remove() }
    let name = "prod ü"
    try config.addContext(
      name, directory: "46e006ef562a8a5c4420fb2d07fc3b057f0bcfbc9cef2cf279165c76fccaef3e", host: "unix:///prod.sock")
    #expect(try resolve(context: name, config).transport == .unix(path: "/prod.sock"))
  }

  @Test func contextTLSFilesAndSkipVerify() throws {
    let config = try ConfigDirectory()
    defer { config.remove() }
    try config.addContext("staging", directory: Self.stagingHash, host: "tcp://staging")
    try config.addTLS(Self.stagingHash, files: ["ca.pem", "cert.pem", "key.pem"])
    let tlsDirectory = "\(config.path)/contexts/tls/\(Self.stagingHash)/docker"
    let endpoint = try resolve(context: "staging", config)
    #expect(endpoint.transport == .tcp(host: "staging", port: 2376))
    #expect(
      endpoint.tls
        == TLSFiles(
          ca: "\(tlsDirectory)/ca.pem", cert: "\(tlsDirectory)/cert.pem", key: "\(tlsDirectory)/key.pem", verify: true))

    try config.addContext("staging", directory: Self.stagingHash, host: "tcp://staging:2376", skipTLSVerify: true)
    try FileManager.default.removeItem(atPath: "\(tlsDirectory)/key.pem")
    let skipping = try resolve(context: "staging", config)
    #expect(skipping.tls == TLSFiles(ca: "\(tlsDirectory)/ca.pem", cert: nil, key: nil, verify: false))
  }

  @Test func contextSkipVerifyAloneTurnsTLSOn() throws {
    let config = try ConfigDirectory()
    defer { config.remove() }
    try config.addContext("staging", directory: Self.stagingHash, host: "tcp://staging", skipTLSVerify: true)
    let endpoint = try resolve(context: "staging", config)
    #expect(endpoint.transport == .tcp(host: "staging", port: 2376))
    #expect(endpoint.tls == TLSFiles(ca: nil, cert: nil, key: nil, verify: false))
  }

  @Test func contextWithoutTLSOrEndpoint() throws {
    let config = try ConfigDirectory()
    defer { config.remove() }
    try config.addContext("staging", directory: Self.stagingHash, host: "tcp://staging")
    #expect(
      try resolve(context: "staging", config)
        == EngineEndpoint(transport: .tcp(host: "staging", port: 2375), contextName: "staging"))
    try config.addContext("staging", directory: Self.stagingHash, host: nil)
    #expect(try resolve(context: "staging", config).transport == .unix(path: "/var/run/docker.sock"))
  }

  @Test func sshContextsIgnoreTLS() throws {
    let config = try ConfigDirectory()
    defer { config.remove() }
    try config.addContext("staging", directory: Self.stagingHash, host: "ssh://staging")
    try config.addTLS(Self.stagingHash, files: ["ca.pem"])
    #expect(try resolve(context: "staging", config).tls == nil)
  }

  @Test func unreadableFilesAreNamed() throws {
    let config = try ConfigDirectory()
    defer { config.remove() }
    try config.write("contexts/meta/\(Self.stagingHash)/meta.json", "{not json")
    expectError(["cannot read", "\(Self.stagingHash)/meta.json", "not valid JSON"]) {
      try resolve(context: "staging", config)
    }
    try config.write("contexts/meta/\(Self.stagingHash)/meta.json", #"{"Endpoints":{"docker":{"Host":5}}}"#)
    expectError(["Host is not a string"]) { try resolve(context: "staging", config) }
    try config.write("contexts/meta/\(Self.stagingHash)/meta.json", #"{"Endpoints":{"docker":{"Host":"tcp://a:b"}}}"#)
    expectError([#"invalid host of context "staging" "tcp://a:b": invalid port "b""#]) {
      try resolve(context: "staging", config)
    }
    try config.write("config.json", "[1]")
    expectError(["cannot read \(config.path)/config.json: not a JSON object"]) { try resolve(config) }
  }

  @Test func emptyConfigJSONIsFine() throws {
    let config = try ConfigDirectory()
    defer { config.remove() }
    try config.write("config.json", "")
    #expect(try resolve(config).contextName == "default")
    try config.write("config.json", #"{"currentContext":""}"#)
    #expect(try resolve(config).contextName == "default")
  }

  @Test func tlsFromTheEnvironment() throws {
    let config = try ConfigDirectory()
    defer { config.remove() }
    try config.write("certs/ca.pem", "PEM")
    try config.write("certs/cert.pem", "PEM")
    try config.write("certs/key.pem", "PEM")
    let certs = "\(config.path)/certs"
    let files = TLSFiles(ca: "\(certs)/ca.pem", cert: "\(certs)/cert.pem", key: "\(certs)/key.pem", verify: true)

    let verified = try resolve(
      config, ["DOCKER_HOST": "tcp://build1", "DOCKER_TLS_VERIFY": "1", "DOCKER_CERT_PATH": certs])
    #expect(verified == EngineEndpoint(transport: .tcp(host: "build1", port: 2376), tls: files, contextName: "default"))

    let noHost = try resolve(config, ["DOCKER_TLS_VERIFY": "1", "DOCKER_CERT_PATH": certs])
    #expect(noHost.transport == .tcp(host: "localhost", port: 2376))

    var unverified = files
    unverified.verify = false
    let tlsOnly = try resolve(config, ["DOCKER_HOST": "build1:2376", "DOCKER_TLS": "1", "DOCKER_CERT_PATH": certs])
    #expect(tlsOnly.tls == unverified)

    let off = try resolve(config, ["DOCKER_HOST": "tcp://build1", "DOCKER_TLS_VERIFY": "", "DOCKER_CERT_PATH": certs])
    #expect(off == EngineEndpoint(transport: .tcp(host: "build1", port: 2375), tls: nil, contextName: "default"))

    let ssh = try resolve(config, ["DOCKER_HOST": "ssh://build1", "DOCKER_TLS_VERIFY": "1"])
    #expect(ssh.tls == nil)
  }

  @Test func certPathDefaultsToTheConfigDirectory() throws {
    let config = try ConfigDirectory()
    defer { config.remove() }
    try config.write("ca.pem", "PEM")
    try config.write("cert.pem", "PEM")
    let endpoint = try resolve(config, ["DOCKER_HOST": "tcp://build1:2376", "DOCKER_TLS_VERIFY": "yes"])
    #expect(endpoint.tls == TLSFiles(ca: "\(config.path)/ca.pem", cert: nil, key: nil, verify: true))
  }

  @Test func tlsWithoutCAIsAnError() throws {
    let config = try ConfigDirectory()
    defer { config.remove() }
    expectError(["DOCKER_TLS_VERIFY", "\(config.path)/ca.pem", "DOCKER_CERT_PATH"]) {
      try resolve(config, ["DOCKER_HOST": "tcp://build1:2376", "DOCKER_TLS_VERIFY": "1"])
    }
  }

  @Test func invalidHostsAreNamedBySource() throws {
    let config = try ConfigDirectory()
    defer { config.remove() }
    expectError([#"invalid DOCKER_HOST "udp://x": unknown scheme"#, "accepted forms"]) {
      try resolve(config, ["DOCKER_HOST": "udp://x"])
    }
    expectError([#"invalid host "tcp://x:y": invalid port"#]) { try resolve(host: "tcp://x:y", config) }
  }
}
