/// Columns laid out like the docker CLI's tables (Go tabwriter with minimum
/// width 10 and padding 3; the last column is not padded).
enum TextTable {
  /// The table as text, one line per row after the header, each ending in a newline.
  /// Widths count characters; a row may have fewer cells than the header.
  static func render(header: [String], rows: [[String]]) -> String {
    var widths = header.map(width)
    for row in rows {
      for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], width(cell)) }
    }
    // Built as UTF-8 bytes: tables of 10,000 rows are common and String appends cost several times more.
    var out: [UInt8] = []
    out.reserveCapacity((rows.count + 1) * (widths.reduce(0, +) + 3 * widths.count + 1))
    func append(_ row: [String]) {
      let last = row.count - 1
      for (i, cell) in row.enumerated() {
        out.append(contentsOf: cell.utf8)
        if i < last {
          let padding = max(10, (i < widths.count ? widths[i] : 0) + 3) - width(cell)
          if padding > 0 { out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: padding)) }
        }
      }
      out.append(UInt8(ascii: "\n"))
    }
    append(header)
    for row in rows { append(row) }
    return String(decoding: out, as: UTF8.self)
  }

  /// The characters in `cell`: its byte count when it is ASCII without a carriage return (the common case,
  /// and one where every byte is one character).
  private static func width(_ cell: String) -> Int {
    let bytes = cell.utf8
    if bytes.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "\r") }) { return bytes.count }
    return cell.count
  }
}
