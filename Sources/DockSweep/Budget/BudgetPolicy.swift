import FoundationEssentials
import LinearRegex

/// What `docker.budget{...}` was asked to do.
struct BudgetPolicy {
  /// Which unused volumes a budget removes.
  enum Volumes: Equatable {
    case none
    /// Anonymous volumes no container uses (`volumes = true`).
    case anonymous
    /// Named ones as well (`volumes = "all"`).
    case all
  }

  /// The images' budget (`images`), and the low mark eviction goes down to (`low`, default the budget).
  var images: DiskLimit?
  var low: DiskLimit?
  /// References matching these stay (`keep`).
  var keep: [RegularExpression] = []
  /// Images used within this many seconds stay (`min_age`, default 5 minutes).
  var minAge: TimeInterval = 300
  /// Unused images not used for this many seconds go whatever the disk (`max_age`).
  var maxAge: TimeInterval?
  /// The eviction order (`rank`): lower goes first; nil: least recently used first.
  var rank: ((BudgetImage) throws -> Double)?
  /// Bytes of build cache to keep (`build_cache`), and how long unused records stay (`keep_duration`).
  var buildCache: Int64?
  var keepDuration: TimeInterval?
  /// Stopped containers that ended this many seconds ago go (`containers = {stopped_for = ...}`).
  var stoppedFor: TimeInterval?
  var volumes: Volumes = .none

  /// Whether images are looked at at all.
  var coversImages: Bool { images != nil || maxAge != nil }
}
