import Testing

@testable import DockerEngine

@Suite struct DockerHostTests {
  typealias Transport = EngineEndpoint.Transport

  static let validHosts: [(String, Transport)] = [
    ("unix:///var/run/docker.sock", Transport.unix(path: "/var/run/docker.sock")),
    ("unix:///tmp/docksweep-engine/docker.sock", .unix(path: "/tmp/docksweep-engine/docker.sock")),
    ("unix://", .unix(path: "/var/run/docker.sock")), ("unix://relative.sock", .unix(path: "relative.sock")),
    ("  unix:///run/docker.sock\n", .unix(path: "/run/docker.sock")),
    ("tcp://build1:2376", .tcp(host: "build1", port: 2376)), ("tcp://build1", .tcp(host: "build1", port: 2375)),
    ("tcp://build1:", .tcp(host: "build1", port: 2375)), ("tcp://:4243", .tcp(host: "localhost", port: 4243)),
    ("tcp://", .tcp(host: "localhost", port: 2375)), ("tcp://10.0.0.5:2375/", .tcp(host: "10.0.0.5", port: 2375)),
    ("tcp://[::1]:2376", .tcp(host: "::1", port: 2376)),
    ("tcp://[fe80::1%eth0]", .tcp(host: "fe80::1%eth0", port: 2375)),
    ("build1:2376", .tcp(host: "build1", port: 2376)), ("build1", .tcp(host: "build1", port: 2375)),
    ("[::1]:1", .tcp(host: "::1", port: 1)), (":2375", .tcp(host: "localhost", port: 2375)),
    ("my-host.example_1.com:65535", .tcp(host: "my-host.example_1.com", port: 65535)),
    ("ssh://build1", .ssh(user: nil, host: "build1", port: nil)),
    ("ssh://me@build1", .ssh(user: "me", host: "build1", port: nil)),
    ("ssh://me@build1:2222", .ssh(user: "me", host: "build1", port: 2222)),
    ("ssh://me@[::1]:22", .ssh(user: "me", host: "::1", port: 22)),
    ("ssh://@build1", .ssh(user: nil, host: "build1", port: nil)), ("fd://", .fd), ("fd://3", .fd),
  ]

  @Test(arguments: validHosts)
  func parsesDockerHostForms(text: String, expected: Transport) throws {
    #expect(try DockerHost.parse(text) == expected)
  }

  @Test func tlsChangesTheDefaultPort() throws {
    #expect(try DockerHost.parse("tcp://build1", tls: true) == .tcp(host: "build1", port: 2376))
    #expect(try DockerHost.parse("build1", tls: true) == .tcp(host: "build1", port: 2376))
    #expect(try DockerHost.parse("build1:2375", tls: true) == .tcp(host: "build1", port: 2375))
    #expect(try DockerHost.parse("", tls: false) == .unix(path: "/var/run/docker.sock"))
    #expect(try DockerHost.parse(" ", tls: true) == .tcp(host: "localhost", port: 2376))
  }

  static let invalidHosts: [(String, String)] = [
    ("http://build1:2375", "use tcp://"), ("https://build1:2376", "use tcp://"),
    ("npipe:////./pipe/docker_engine", "Windows"),
    ("udp://build1:53", "unknown scheme \"udp\""), ("TCP://build1", "unknown scheme \"TCP\""),
    ("unix://tcp://x", "cannot contain"), ("tcp://build1:port", "invalid port \"port\""),
    ("tcp://build1:0", "invalid port \"0\""), ("tcp://build1:65536", "invalid port \"65536\""),
    ("tcp://build1:-1", "invalid port"), ("tcp://build1:+80", "invalid port"),
    ("build1:99999999999999999999", "invalid port"),
    ("tcp://build1:2375/v1.41", "a path"), ("tcp://build1:2375?x=1", "a query"), ("tcp://build1#x", "a fragment"),
    ("tcp://me@build1", "user name"), ("tcp://::1", "brackets"), ("tcp://[::1", "missing its ]"),
    ("tcp://[::1]x", "after the IPv6"), ("tcp://[]:2375", "not an IPv6"), ("tcp://[zz]:2375", "not an IPv6"),
    ("tcp://bad host:2375", "not a host name"), ("bad/host", "a path"), ("ssh://", "no host"), ("ssh://me@", "no host"),
    ("ssh://me:secret@build1", "password"), ("ssh://build1/run/docker.sock", "a path"),
    ("ssh://build1:x", "invalid port"),
    ("://x", "unknown scheme \"\""),
  ]

  @Test(arguments: invalidHosts)
  func rejectsOtherForms(text: String, reason: String) {
    do {
      let transport = try DockerHost.parse(text)
      Issue.record("\(text) parsed as \(transport)")
    } catch let error as EndpointError {
      let message = error.description
      #expect(message.hasPrefix("invalid DOCKER_HOST \"\(text)\": "), "\(message)")
      #expect(message.contains(reason), "\(message)")
      #expect(message.hasSuffix("(\(DockerHost.acceptedForms))"), "\(message)")
    } catch {
      Issue.record("unexpected error \(error)")
    }
  }

  static let descriptions: [(Transport, String)] = [
    (Transport.unix(path: "/var/run/docker.sock"), "unix:///var/run/docker.sock"),
    (.tcp(host: "build1", port: 2376), "tcp://build1:2376"), (.tcp(host: "::1", port: 2375), "tcp://[::1]:2375"),
    (.ssh(user: "me", host: "build1", port: 2222), "ssh://me@build1:2222"),
    (.ssh(user: nil, host: "build1", port: nil), "ssh://build1"),
    (.fd, "fd://"),
  ]

  @Test(arguments: descriptions)
  func describesLikeTheCLI(transport: Transport, expected: String) throws {
    #expect(transport.description == expected)
    if transport != .fd {
      #expect(try DockerHost.parse(expected) == transport)
    }
  }
}
