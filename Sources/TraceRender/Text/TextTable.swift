/// A plain-text table with right-aligned numeric columns and a free last
/// column, as terminal reports are laid out.
package struct TextTable {
    /// A column's heading and alignment.
    package struct Column {
        /// The heading.
        package var title: String
        /// Numbers are right-aligned, text left-aligned.
        package var rightAligned: Bool

        /// A column.
        package init(_ title: String, right: Bool = true) {
            self.title = title
            rightAligned = right
        }
    }

    private let columns: [Column]
    private var rows: [[String]] = []

    /// A table with `columns`; the last one is never padded.
    package init(_ columns: [Column]) {
        self.columns = columns
    }

    /// Adds a row (one cell per column).
    package mutating func add(_ cells: [String]) {
        rows.append(cells)
    }

    /// The table's lines, heading first, each indented by `indent` spaces.
    package func lines(indent: Int = 2) -> [String] {
        var widths = columns.map { $0.title.count }
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        let pad = String(repeating: " ", count: indent)
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (i, cell) in cells.enumerated() where i < columns.count {
                let gap = String(repeating: " ", count: max(0, widths[i] - cell.count))
                if i == columns.count - 1 {
                    parts.append(columns[i].rightAligned ? gap + cell : cell)
                } else {
                    parts.append(columns[i].rightAligned ? gap + cell : cell + gap)
                }
            }
            return pad + parts.joined(separator: "  ")
        }
        return [line(columns.map(\.title))] + rows.map(line)
    }
}
