import DockerEngine
import FoundationEssentials

extension Session {
  /// The engine this session talks to, in one line, waiting at most `seconds` for it: `Docker Engine
  /// 20.10.24 (API 1.41) at unix:///var/run/docker.sock`, or what keeps it from answering. Never throws:
  /// for banners and `--version`.
  public func engineDescription(within seconds: Double) -> String {
    (try? luaThread.perform { engineDescriptionHere(within: seconds) }) ?? "no engine"
  }

  private func engineDescriptionHere(within seconds: Double) -> String {
    do {
      let address = try engine.get().address
      let answer = try engine.call(within: seconds) { client in
        (try await client.version(), try await client.apiVersion())
      }
      guard let (version, api) = answer else {
        return "the engine at \(address) does not answer (waited \(Int(seconds))s)"
      }
      return "\(version.product) \(version.version) (API \(api)) at \(address)"
    } catch let e as DockerError {
      return "no engine: \(e)"
    } catch {
      return "no engine: \(error)"
    }
  }
}
