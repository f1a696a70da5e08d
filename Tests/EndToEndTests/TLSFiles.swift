import Foundation
import TestImages

/// A certificate authority, a server certificate for 127.0.0.1 and a client certificate, made with
/// openssl: the files dockerd's `--tlsverify` and the docker CLI's `DOCKER_CERT_PATH` take.
enum TLSFiles {
  /// Writes `ca.pem`, `server-cert.pem`, `server-key.pem`, `cert.pem` and `key.pem` into `directory`.
  static func make(in directory: String) throws {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let script = """
      set -e
      cd '\(directory)'
      openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=docksweep-test-ca -keyout ca-key.pem -out ca.pem
      openssl req -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 -keyout server-key.pem -out server.csr
      printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\\nextendedKeyUsage=serverAuth\\n' > server.ext
      openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 2 -extfile server.ext -out server-cert.pem
      openssl req -newkey rsa:2048 -nodes -subj /CN=docksweep-client -keyout key.pem -out client.csr
      printf 'extendedKeyUsage=clientAuth\\n' > client.ext
      openssl x509 -req -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 2 -extfile client.ext -out cert.pem
      """
    let result = try Subprocess.run(["/bin/bash", "-c", script])
    guard result.status == 0 else { throw TestImagesError("openssl failed: \(result.stderr)") }
  }
}
