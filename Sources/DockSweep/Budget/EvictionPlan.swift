import DockerEngine
import DockerFormats
import FoundationEssentials

/// One image as a budget weighs it.
struct BudgetImage: Sendable {
  let summary: ImageSummary
  /// Last use, unix seconds.
  let lastUsed: Int64
  /// Uses counted from events.
  let uses: Int
  /// Containers (in any state) using it.
  let containers: Int
  /// Why it must stay, when a protect pattern or `keep` names one of its references.
  let protection: String?
  /// Eviction order: lower goes first (by default the last use).
  var rank: Double
  /// How many of its ancestors are on the engine: children go before parents on ties.
  var depth = 0

  /// Bytes deleting it alone frees (its size less what it shares, when the engine says).
  var unique: Int64 {
    summary.sharedSize >= 0 ? max(0, summary.size - summary.sharedSize) : summary.size
  }

  /// How the image shows in plans and logs: its references (or short ID), size and last use.
  func line(now: Date) -> String {
    let name =
      summary.repoTags.isEmpty
      ? ImageItem.shortID(summary.id)
      : ImageItem.shortID(summary.id) + " (" + summary.repoTags.joined(separator: ", ") + ")"
    let used = HumanDuration.ago(Date(timeIntervalSince1970: TimeInterval(lastUsed)), now: now)
    return "image \(name)  last used \(used)"
  }
}

/// Which images a budget evicts, in order, and which it keeps and why. Pure: the engine's numbers go in,
/// the plan comes out. Images in use, protected or used within `min_age` never enter the plan; images not
/// used for `max_age` are evicted whatever the disk; then, while the measure is over the budget, the
/// lowest-ranked unused images (children before parents on ties) until the estimate reaches the low mark.
struct EvictionPlan: Sendable {
  /// Why an image stays.
  enum Hold: String, Sendable {
    case containers = "used by a container"
    case protection = "protected"
    case minAge = "used within min_age"
  }

  /// Images to evict, in order, and whether each goes for `max_age` (else for the budget).
  var evict: [(image: BudgetImage, forMaxAge: Bool)] = []
  /// Images kept on purpose, and why.
  var held: [(image: BudgetImage, hold: Hold)] = []
  /// The estimated measure after the plan (the lower bound of what it frees: each image's unique bytes).
  var estimatedAfter: Int64 = 0

  /// Plans for `images` with the measure at `usage`, evicting above `high` down to `low` (nil: no budget,
  /// only `max_age`). `minAgeCutoff`: images used after it stay; `maxAgeCutoff`: images last used before
  /// it go.
  static func make(
    _ images: [BudgetImage], usage: Int64, high: Int64?, low: Int64?, minAgeCutoff: Int64, maxAgeCutoff: Int64?
  ) -> EvictionPlan {
    var plan = EvictionPlan()
    var eligible: [BudgetImage] = []
    for image in withDepth(images) {
      if image.containers > 0 {
        plan.held.append((image, .containers))
      } else if image.protection != nil {
        plan.held.append((image, .protection))
      } else if image.lastUsed > minAgeCutoff {
        plan.held.append((image, .minAge))
      } else {
        eligible.append(image)
      }
    }
    eligible.sort { a, b in
      if a.rank != b.rank { return a.rank < b.rank }
      if a.depth != b.depth { return a.depth > b.depth }
      if a.lastUsed != b.lastUsed { return a.lastUsed < b.lastUsed }
      return a.summary.id < b.summary.id
    }
    var estimate = usage
    var rest: [BudgetImage] = []
    for image in eligible {
      if let maxAgeCutoff, image.lastUsed < maxAgeCutoff {
        plan.evict.append((image, true))
        estimate -= image.unique
      } else {
        rest.append(image)
      }
    }
    if let high, let low, usage > high {
      for image in rest where estimate > low {
        plan.evict.append((image, false))
        estimate -= image.unique
      }
    }
    plan.estimatedAfter = max(0, estimate)
    return plan
  }

  /// Bytes held for `hold` (each image's own size: what evicting it could at most free).
  func heldBytes(_ hold: Hold) -> Int64 {
    held.filter { $0.hold == hold }.reduce(0) { $0 + $1.image.unique }
  }

  /// `images` with each one's depth: its number of ancestors among them.
  private static func withDepth(_ images: [BudgetImage]) -> [BudgetImage] {
    let parent = Dictionary(images.map { ($0.summary.id, $0.summary.parentID) }, uniquingKeysWith: { a, _ in a })
    return images.map { image in
      var image = image
      var current = image.summary.parentID
      var depth = 0
      while !current.isEmpty, depth < images.count, let next = parent[current] {
        depth += 1
        current = next
      }
      image.depth = depth
      return image
    }
  }
}
