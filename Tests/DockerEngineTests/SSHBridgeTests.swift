import Foundation
import Testing

@testable import DockerEngine

/// `ssh://` endpoints, with a stand-in `ssh` program: one that joins its standard input and output to the
/// test engine's socket, as `docker system dial-stdio` on a remote host would, and one that fails as ssh does.
@Suite struct SSHBridgeTests {
  /// Writes an executable script and returns its path.
  private func script(_ directory: URL, _ name: String, _ text: String) throws -> String {
    let path = directory.appendingPathComponent(name).path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    chmod(path, 0o755)
    return path
  }

  /// A stand-in ssh that logs its arguments to `log` and connects stdio to the unix socket `socket`.
  private func dialStdio(socket: String, log: String) -> String {
    """
    #!/usr/bin/perl
    use strict;
    use warnings;
    use IO::Socket::UNIX;
    use IO::Select;
    open(my $log, '>>', '\(log)') or die "log: $!";
    print $log join(' ', @ARGV), "\\n";
    close($log);
    my $engine = IO::Socket::UNIX->new(Type => SOCK_STREAM(), Peer => '\(socket)') or die "connect: $!";
    binmode STDIN;
    binmode STDOUT;
    sub put { my ($fh, $data) = @_; while (length $data) { my $n = syswrite($fh, $data); exit 0 if !$n; substr($data, 0, $n) = ''; } }
    my $select = IO::Select->new(\\*STDIN, $engine);
    my $buffer;
    while (1) {
      for my $fh ($select->can_read) {
        my $n = sysread($fh, $buffer, 65536);
        if (fileno($fh) == fileno($engine)) {
          exit 0 if !$n;
          put(\\*STDOUT, $buffer);
        } elsif (!$n) {
          $select->remove(\\*STDIN);
          shutdown($engine, 1);
        } else {
          put($engine, $buffer);
        }
      }
    }
    """
  }

  @Test func requestsTravelThroughTheSSHCommand() async throws {
    guard let host = ProcessInfo.processInfo.environment["DOCKER_HOST"], host.hasPrefix("unix://") else {
      Issue.record(
        "DOCKER_HOST is not set to the test engine's socket: run scripts/test, or eval \"$(scripts/engine env)\"")
      return
    }
    try await EngineFixture.withTemporaryDirectory { directory in
      let log = directory.appendingPathComponent("ssh.log").path
      let program = try script(directory, "fake-ssh", dialStdio(socket: String(host.dropFirst(7)), log: log))
      let client = try DockerClient(
        endpoint: EngineEndpoint(transport: .ssh(user: "builder", host: "build1", port: 2222)), apiVersion: nil,
        maxConcurrency: 4, requestTimeout: nil, connectTimeout: .seconds(5), sshProgram: program)
      #expect(client.address == "ssh://builder@build1:2222")
      #expect(try await client.apiVersion() == "1.41")
      // One request after another reuses one connection: one ssh process (two if the pool found one stale),
      // not one per request.
      for _ in 0..<8 { #expect(try await client.version().apiVersion == "1.41") }
      let sequential = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
      #expect(!sequential.isEmpty && sequential.count <= 2, "\(sequential.count) ssh processes for 9 requests")
      let results = await client.forEachConcurrently(Array(0..<8)) { _ in
        (try? await client.version().apiVersion) ?? "failed"
      }
      #expect(results.allSatisfy { $0.1 == "1.41" })
      try await client.shutdown()
      let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
      #expect(
        lines.allSatisfy { $0 == "-o ConnectTimeout=30 -T -l builder -p 2222 -- build1 docker system dial-stdio" })
    }
  }

  @Test func failingSSHCommandIsUnreachableWithItsMessage() async throws {
    try await EngineFixture.withTemporaryDirectory { directory in
      let runs = directory.appendingPathComponent("runs").path
      let program = try script(
        directory, "failing-ssh",
        "#!/bin/sh\necho run >> '\(runs)'\n"
          + "echo 'ssh: Could not resolve hostname nowhere: Name or service not known' >&2\nexit 255\n")
      let client = try DockerClient(
        endpoint: EngineEndpoint(transport: .ssh(user: nil, host: "nowhere", port: nil)), apiVersion: "1.41",
        maxConcurrency: 1, requestTimeout: .seconds(20), connectTimeout: .seconds(5), sshProgram: program)
      let error = try await #require(throws: DockerError.self) { try await client.images() }
      #expect(error.kind == .unreachable)
      #expect(
        error.message
          == "error during connect: command [\(program) -o ConnectTimeout=30 -T -- nowhere docker system dial-stdio] "
          + "has exited with exit status 255, make sure the URL is valid, and Docker 18.09 or later is installed on "
          + "the remote host: stderr=ssh: Could not resolve hostname nowhere: Name or service not known")
      // A second request runs the command again and fails the same way: with the command's own failure,
      // not by waiting for the request timeout (which would be a `.timeout`).
      let again = try await #require(throws: DockerError.self) { try await client.images() }
      #expect(again.kind == .unreachable)
      #expect(again.message == error.message)
      let started = try String(contentsOfFile: runs, encoding: .utf8).split(separator: "\n")
      #expect(started.count == 2)
      try await client.shutdown()
    }
  }
}
