import DockerEngine

/// One image of a list, with the references a `:match` selected (nil: the image as a whole, removed by ID).
struct ImageItem {
  var summary: ImageSummary
  var selectedRefs: [String]?
  /// The image's last use, set on lists about to be sorted or filtered by it (``ImageList/withLastUse()``).
  var lastUse: LastUseRecord? = nil

  /// The references shown and removed: the selected ones, else all tags.
  var refs: [String] { selectedRefs ?? summary.repoTags }

  /// The ID without `sha256:`, 12 characters.
  var shortID: String { ImageItem.shortID(summary.id) }

  /// The first 12 characters of `id` after any `sha256:`. By bytes when the ID is ASCII (as the engine's
  /// hexadecimal IDs are), which a list of thousands does once per image.
  static func shortID(_ id: String) -> String {
    let bare = id.hasPrefix("sha256:") ? id.utf8.dropFirst(7) : id.utf8[...]
    if bare.allSatisfy({ $0 < 0x80 }) { return String(decoding: bare.prefix(12), as: UTF8.self) }
    return String(String(decoding: bare, as: UTF8.self).prefix(12))
  }

  /// `repository` and `tag` of a reference such as `registry:5000/org/name:tag`.
  static func split(_ reference: String) -> (repository: String, tag: String) {
    // A byte search (lists split thousands of references); ':' and '/' are ASCII, so its indices are valid.
    let bytes = reference.utf8
    if let colon = bytes.lastIndex(of: UInt8(ascii: ":")), !bytes[colon...].contains(UInt8(ascii: "/")) {
      return (String(reference[..<colon]), String(reference[bytes.index(after: colon)...]))
    }
    return (reference, "latest")
  }
}
