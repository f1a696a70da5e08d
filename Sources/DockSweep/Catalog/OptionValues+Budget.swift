import DockerFormats
import FoundationEssentials
import LuaBridge

extension OptionValues {
  /// A size (`"10GB"`, bytes) or a percentage (`"80%"`); nil when absent.
  func limit(_ key: String) throws -> DiskLimit? {
    switch table.fields[key] {
    case nil, .some(.nil): return nil
    case .some(.integer(let i)) where i >= 0: return .bytes(i)
    case .some(.number(let d)) where d >= 0 && d.isFinite: return .bytes(Int64(d))
    case .some(.bytes):
      let text = table.fields[key]!.stringValue ?? ""
      if let limit = DiskLimit.parse(text) { return limit }
      throw LuaArgumentError(
        position: position,
        reason: "option '\(key)' must be a size or a percentage, got \"\(text)\"; use 10GB, 500MB, 2GiB or 80%")
    case .some(let other):
      throw LuaArgumentError(
        position: position, reason: "option '\(key)' must be a size or a percentage, got \(other.typeName)")
    }
  }

  /// A size in bytes; a percentage is an error here.
  func size(_ key: String) throws -> Int64? {
    switch try limit(key) {
    case nil: return nil
    case .bytes(let b): return b
    case .percent:
      throw LuaArgumentError(position: position, reason: "option '\(key)' must be a size such as 5GB, not a percentage")
    }
  }

  /// A duration in seconds: `"10m"`, `"1h30m"`, `"7d"`, `"2w"`, or a number of seconds; nil when absent.
  func duration(_ key: String) throws -> TimeInterval? {
    try Self.duration(table.fields[key], key: key, position: position)
  }

  static func duration(_ value: LuaValue?, key: String, position: Int32) throws -> TimeInterval? {
    switch value {
    case nil, .some(.nil): return nil
    case .some(.integer(let i)) where i >= 0: return TimeInterval(i)
    case .some(.number(let d)) where d >= 0 && d.isFinite: return d
    case .some(.bytes):
      let text = value!.stringValue ?? ""
      if let nanos = try? GoDuration.parse(text, allowDaysAndWeeks: true), nanos >= 0 {
        return TimeInterval(nanos) / 1e9
      }
      throw LuaArgumentError(
        position: position, reason: "option '\(key)' must be a duration, got \"\(text)\"; use 10m, 1h30m, 7d or 2w")
    case .some(let other):
      throw LuaArgumentError(position: position, reason: "option '\(key)' must be a duration, got \(other.typeName)")
    }
  }

  /// `containers = {stopped_for = "24h"}`: the seconds, or nil when absent.
  func containerPolicy(_ key: String) throws -> TimeInterval? {
    switch table.fields[key] {
    case nil, .some(.nil): return nil
    case .some(.table(let t)):
      for k in t.fields.keys where k != "stopped_for" {
        throw LuaArgumentError(
          position: position, reason: "option '\(key)' has unknown key '\(k)'; accepted: stopped_for")
      }
      guard let seconds = try Self.duration(t.fields["stopped_for"], key: "\(key).stopped_for", position: position)
      else {
        throw LuaArgumentError(
          position: position, reason: "option '\(key)' needs stopped_for, e.g. {stopped_for = \"24h\"}")
      }
      return seconds
    case .some(let other):
      throw LuaArgumentError(
        position: position,
        reason: "option '\(key)' must be a table such as {stopped_for = \"24h\"}, got \(other.typeName)")
    }
  }

  /// `volumes = true` (anonymous ones) or `"all"`.
  func volumeChoice(_ key: String) throws -> BudgetPolicy.Volumes {
    switch table.fields[key] {
    case nil, .some(.nil), .some(.boolean(false)): return .none
    case .some(.boolean(true)): return .anonymous
    case .some(let v) where v.stringValue == "all": return .all
    case .some(let other):
      throw LuaArgumentError(
        position: position,
        reason:
          "option '\(key)' must be true or \"all\", got \(other.stringValue.map { "\"\($0)\"" } ?? other.typeName)")
    }
  }

  /// The `rank` function as a Swift closure that calls it with an image and reads the number it returns.
  /// The closure may only be called while the binding runs (the function is read from its option table).
  func rankFunction(_ key: String, call: LuaCall) throws -> ((BudgetImage) throws -> Double)? {
    guard has(key) else { return nil }
    let position = self.position
    return { image in
      let function = call.stack.pushField(key, ofTableAt: position)
      defer { call.stack.pop() }
      var item = ImageItem(summary: image.summary, selectedRefs: nil)
      item.lastUse = LastUseRecord(lastUsed: image.lastUsed, uses: image.uses)
      let object = ImageObject(
        item, usage: ContainerUsage { [:] }, lastUse: LastUseSource { LastUseTable() })
      let results = try call.callFunction(function, with: [.object(object)])
      guard let rank = results.first?.doubleValue, rank.isFinite else {
        throw LuaArgumentError(
          position: position,
          reason:
            "option '\(key)' must return a number, got \(results.first?.typeName ?? "nothing") for \(image.summary.id)")
      }
      return rank
    }
  }
}
