import FoundationEssentials

/// Ages as the docker CLI prints them (go-units `HumanDuration`), such as `3 weeks` or `About an hour`.
///
/// ```swift
/// HumanDuration.describe(seconds: 90)          // "About a minute"
/// HumanDuration.ago(created, now: Date())      // "3 weeks ago"
/// ```
public enum HumanDuration {
  private static let second: Int64 = 1_000_000_000
  private static let minute: Int64 = 60 * second
  private static let hour: Int64 = 60 * minute

  /// The go-units text for a duration in nanoseconds.
  ///
  /// Whole seconds: below 1 `Less than a second`, 1 `1 second`, below 60 `N seconds`; whole minutes:
  /// 1 `About a minute`, below 60 `N minutes`; then hours rounded half away from zero: 1
  /// `About an hour`, below 48 `N hours`, below 336 `N days` (hours / 24), below 1440 `N weeks`
  /// (hours / 24 / 7), below 17520 `N months` (hours / 24 / 30), else `N years` (whole hours / 24 / 365).
  /// Negative durations (a date in the future) are `Less than a second`.
  public static func describe(nanoseconds: Int64) -> String {
    let seconds = nanoseconds / second
    if seconds < 1 { return "Less than a second" }
    if seconds == 1 { return "1 second" }
    if seconds < 60 { return "\(seconds) seconds" }
    let minutes = nanoseconds / minute
    if minutes == 1 { return "About a minute" }
    if minutes < 60 { return "\(minutes) minutes" }
    let wholeHours = nanoseconds / hour
    let hours = wholeHours + (nanoseconds % hour >= hour / 2 ? 1 : 0)
    if hours == 1 { return "About an hour" }
    if hours < 48 { return "\(hours) hours" }
    if hours < 24 * 7 * 2 { return "\(hours / 24) days" }
    if hours < 24 * 30 * 2 { return "\(hours / 24 / 7) weeks" }
    if hours < 24 * 365 * 2 { return "\(hours / 24 / 30) months" }
    return "\(wholeHours / 24 / 365) years"
  }

  /// The go-units text for a duration in seconds; see `describe(nanoseconds:)`.
  public static func describe(seconds: TimeInterval) -> String {
    describe(nanoseconds: saturatingNanoseconds(seconds))
  }

  /// `describe` of the time from `date` to `now`, followed by ` ago`, as in `docker images`:
  /// `Less than a second ago`, `About a minute ago`, `6 years ago`.
  public static func ago(_ date: Date, now: Date) -> String {
    describe(seconds: now.timeIntervalSince(date)) + " ago"
  }

  /// `seconds` in nanoseconds (to the nearest one), limited to the range of `Int64` like Go's `time.Sub`; NaN is 0.
  static func saturatingNanoseconds(_ seconds: TimeInterval) -> Int64 {
    let nanoseconds = (seconds * 1e9).rounded()
    if nanoseconds.isNaN { return 0 }
    if nanoseconds >= 9.2233720368547758e18 { return .max }
    if nanoseconds <= -9.2233720368547758e18 { return .min }
    return Int64(nanoseconds)
  }
}
