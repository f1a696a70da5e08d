import DockerEngine
import FoundationEssentials

/// Presentation of one container, as `docker ps` shows it.
extension ContainerSummary {
  var shortID: String { String(id.prefix(12)) }

  /// The names without the engine's leading `/`, as `docker ps` shows them.
  var bareNames: [String] { names.map { $0.hasPrefix("/") ? String($0.dropFirst()) : $0 } }

  /// Running, paused or restarting.
  var isRunning: Bool { ["running", "paused", "restarting"].contains(state) }

  /// The `docker ps` COMMAND cell: quoted, cut to 20 characters with `…`.
  var commandCell: String {
    let cut = command.count > 20 ? String(command.prefix(19)) + "…" : command
    return "\"\(cut)\""
  }
}
