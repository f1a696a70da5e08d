/// Columns laid out like the docker CLI's tables (Go tabwriter with minimum
/// width 10 and padding 3; the last column is not padded).
enum TextTable {
  static func render(header: [String], rows: [[String]]) -> String {
    var widths = header.map { $0.count }
    for row in rows {
      for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
    }
    var out = ""
    out.reserveCapacity((rows.count + 1) * (widths.reduce(0, +) + 3 * widths.count))
    for row in [header] + rows {
      var line = ""
      for (i, cell) in row.enumerated() {
        if i == row.count - 1 {
          line += cell
        } else {
          let width = max(10, widths[i] + 3)
          line += cell + String(repeating: " ", count: max(0, width - cell.count))
        }
      }
      out += line + "\n"
    }
    return out
  }
}
