/// The last-use table for one family of image lists (a `docker.images()` call and the lists filtered from
/// it): synced with the engine once, the first time a field, filter or sort needs it, so listings that
/// never ask stay one request.
final class LastUseSource {
  private let fetch: () throws -> LastUseTable
  private var table: LastUseTable?

  init(fetch: @escaping () throws -> LastUseTable) {
    self.fetch = fetch
  }

  /// The record of image `id`; nil when the image is not known (it appeared after the sync).
  func record(for id: String) throws -> LastUseRecord? {
    if table == nil { table = try fetch() }
    return table?.images[id]
  }
}
