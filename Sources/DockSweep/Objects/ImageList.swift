import DockerEngine
import DockerFormats
import FoundationEssentials
import LuaBridge

/// An immutable list of images as Lua sees it (`docker.images()`): every
/// filter returns a new list.
final class ImageList: ObjectList, EngineBound {
  static let className = "ImageList"
  static let summary = "a list of images; filters return new lists"
  static let elementClass = "Image"
  static let sortFields: [SortField<ImageItem>] = [
    SortField(name: "size") { .number(Double($0.summary.size)) },
    SortField(name: "created") { .number(Double($0.summary.created)) },
    SortField(name: "repository", aliases: ["name", "tag"]) { .text($0.refs.first ?? "") },
    SortField(name: "id") { .text($0.summary.id) },
    // Set by `sortable(by:)`; an image without a record (new since the sync) counts as just used.
    SortField(name: "last_used") { .number(Double($0.lastUse?.lastUsed ?? Int64.max)) },
    SortField(name: "use_count") { .number(Double($0.lastUse?.uses ?? 0)) },
  ]

  let items: [ImageItem]
  /// How many containers use each image ID, fetched once when a filter needs it.
  let usage: ContainerUsage
  /// When each image was last used, synced when first needed.
  let lastUse: LastUseSource
  /// The engine the images are on (its fleet name or address).
  let engine: String
  weak var module: DockerModule?

  init(items: [ImageItem], usage: ContainerUsage, lastUse: LastUseSource, engine: String = "") {
    self.items = items
    self.usage = usage
    self.lastUse = lastUse
    self.engine = engine
  }

  func with(_ items: [ImageItem]) -> ImageList {
    let list = ImageList(items: items, usage: usage, lastUse: lastUse, engine: engine)
    list.module = module
    return list
  }

  func object(for item: ImageItem) -> LuaValue {
    let object = ImageObject(item, usage: usage, lastUse: lastUse, engine: engine)
    object.module = module
    return .object(object)
  }

  /// The list with each item's last use set, for sorting and filtering by it.
  func withLastUse() throws -> ImageList {
    with(
      try items.map { item in
        var item = item
        item.lastUse = try lastUse.record(for: item.summary.id)
        return item
      })
  }

  func sortable(by field: String) throws -> ImageList {
    field == "last_used" || field == "use_count" ? try withLastUse() : self
  }

  static func id(_ item: ImageItem) -> String { item.summary.id }

  static func created(_ item: ImageItem) -> Int64 { item.summary.created }

  static func labels(_ item: ImageItem) -> [String: String] { item.summary.labels }

  func table(columns: [String], position: Int32) throws -> String {
    try ColumnSelection.images(self, columns: columns, position: position)
  }

  /// Images with the references `regex` matches (`keep`), the matched ones selected; or, for `keep` false,
  /// without them (an image whose every reference matches goes; a whole image goes when any tag matches).
  func matching(_ regex: StoppableRegex, keep: Bool) throws -> ImageList {
    var out: [ImageItem] = []
    for var item in items {
      if keep {
        let refs = try item.refs.filter { try regex.matches($0) }
        if refs.isEmpty { continue }
        item.selectedRefs = refs
      } else if item.selectedRefs != nil {
        let refs = try item.refs.filter { !(try regex.matches($0)) }
        if refs.isEmpty { continue }
        item.selectedRefs = refs
      } else if try item.summary.repoTags.contains(where: { try regex.matches($0) }) {
        continue
      }
      out.append(item)
    }
    return with(out)
  }

  /// What `save` writes: each image's references, or its ID when it has none.
  var savedReferences: [String] { items.flatMap { $0.refs.isEmpty ? [$0.summary.id] : $0.refs } }

  /// The list as `docker image ls` prints it: one row per reference, dangling images as `<none>`.
  func table(now: Date = Date()) -> String {
    var rows: [[String]] = []
    for item in items {
      let created = HumanDuration.ago(Date(timeIntervalSince1970: TimeInterval(item.summary.created)), now: now)
      let size = ByteSize.image(item.summary.size)
      if item.refs.isEmpty {
        rows.append(["<none>", "<none>", item.shortID, created, size])
      }
      for ref in item.refs {
        let (repo, tag) = ImageItem.split(ref)
        rows.append([repo, tag, item.shortID, created, size])
      }
    }
    return TextTable.render(header: ["REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE"], rows: rows)
  }
}

/// How many containers (running or not) use each image ID; asked of the engine once per list family.
final class ContainerUsage {
  private let fetch: () throws -> [String: Int]
  private var counts: [String: Int]?

  init(fetch: @escaping () throws -> [String: Int]) {
    self.fetch = fetch
  }

  /// Containers using image `id` (the engine's number when it gave one).
  func count(for summary: ImageSummary) throws -> Int {
    if summary.containers >= 0 { return summary.containers }
    if counts == nil { counts = try fetch() }
    return counts?[summary.id] ?? 0
  }
}
