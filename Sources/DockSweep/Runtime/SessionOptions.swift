/// How `print` shows docksweep values (lists, reports, disk usage) and tables.
public enum OutputFormat: String, Sendable, CaseIterable {
  /// As the docker CLI prints them: tables and messages.
  case text
  /// One compact JSON document each (`--format json`), with the fields the README lists.
  case json
}

/// How a ``Session`` runs: safety switches, limits and where the engine is.
public struct SessionOptions: Sendable {
  /// Show what removals would do and remove nothing (`--dry-run`).
  public var dryRun = false
  /// The person confirmed bulk removals up front (`--yes`).
  public var assumeYes = false
  /// Regular expressions naming references that are never removed (`--protect`).
  public var protectPatterns: [String] = []
  /// How docksweep values print (`--format`).
  public var format: OutputFormat = .text
  /// Show only what the script prints itself (`--quiet`): removals, stops, prunes and dry-run plans the
  /// script did not print are not shown for it.
  public var quiet = false
  /// Lift the sandbox (`--trust`): scripts get the full standard library and every Docker operation.
  public var trusted = false
  /// Directories `docker.save` may write below without `--trust` (`--allow-write`).
  public var writableDirectories: [String] = []
  /// Seconds the whole run may take (`--timeout`); nil: no limit.
  public var timeLimit: Double?
  /// Seconds an ordinary engine request may make no progress before it fails (`--idle-timeout`); nil: no
  /// limit. Streams (events, save, load, pull) never have one. Default 120.
  public var idleTimeout: Double? = 120
  /// Bytes Lua may allocate (`--max-memory`); default 512 MB.
  public var memoryLimit: Int = 512_000_000
  /// Start connecting to the engine and learning its API version while the session sets up Lua, for runs
  /// that will use it: the first engine call then finds the version known. Errors of this early attempt are
  /// dropped (the first call meets them again). Default false: a session connects on first use.
  public var connectEarly = false
  /// Run Lua on the thread that makes the session instead of a thread of the session's own, for a program
  /// whose main thread makes every call of one session (the command line does): one thread fewer to start
  /// and hand each call to. That thread's stack must hold ``Session/luaStackSize`` (a main thread's usual
  /// 8 MiB; Lua's C calls and parser recurse on it), and calling the session from any other thread, or from
  /// a task, stops the program. Default false: a session is safe to use from any thread or task.
  public var runsOnCallingThread = false
  /// `-H`/`--host`: the engine address, overriding `DOCKER_HOST`.
  public var host: String?
  /// `--context`: the docker CLI context to use.
  public var context: String?
  /// The environment used to find the engine (`DOCKER_HOST`, `DOCKER_CONFIG`, ...).
  public var environment: [String: String] = [:]
  /// Where state is kept (the images' last use): by default `$XDG_STATE_HOME/docksweep`, else
  /// `~/.local/state/docksweep`, from ``environment``.
  public var stateDirectory: String {
    get { explicitStateDirectory ?? LastUseStore.defaultDirectory(environment: environment) }
    set { explicitStateDirectory = newValue }
  }
  private var explicitStateDirectory: String?
  /// The engine's name in fleet output (`ci-1`); images carry it as `engine`. Nil: the engine's address.
  public var engineName: String?
  /// When set, the only objects removals, stops and prunes may act on (image IDs, container IDs, volume
  /// names, build cache IDs, references given to `docker.rmi`): the plan a person confirmed. Anything else
  /// is skipped as "not in the confirmed plan", and prunes are made on docksweep's side so that this holds.
  public var confirmedTargets: Set<String>?
  /// Whether a person is at a terminal to answer `[y/N]`.
  public var interactive = false
  /// Whether progress lines may be drawn on the error stream.
  public var showProgress = false

  /// Default options: sandboxed, not interactive, 512 MB memory limit.
  public init() {}
}
