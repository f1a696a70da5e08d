/// An object that belongs to one engine's `docker` module (lists of `docker.engines{...}` modules act
/// on their own engine): its methods run with that module.
protocol EngineBound: AnyObject {
  /// The module that made it; nil: the session's own.
  var module: DockerModule? { get }
}
