/// The orders `pyframe report --sort` offers.
package enum ReportSort: String, CaseIterable, Sendable {
    /// Most calls first.
    case calls
    /// Largest inclusive time first.
    case total
    /// Largest exclusive time first (the default: where time is actually spent).
    case `self`
    /// Largest self time per call first.
    case selfPerCall = "self-per-call"
    /// Largest inclusive time per primitive call first.
    case totalPerCall = "total-per-call"
    /// Longest single activation first.
    case max
    /// Alphabetical by display name.
    case name

    /// The value rows are ordered by, larger first (0 for ``name``: every
    /// row ties, and names decide).
    func key(_ row: ReportRow) -> UInt64 {
        let s = row.stats
        switch self {
        case .calls: return s.calls
        case .total: return s.totalNs
        case .self: return s.selfNs
        case .selfPerCall: return s.selfPerCallNs ?? 0
        case .totalPerCall: return s.totalPerPrimitiveCallNs ?? 0
        case .max: return s.maxNs
        case .name: return 0
        }
    }

    /// `rows` in order: larger values first, ties by name (and hash).
    ///
    /// The keys are taken once and the rows' positions sorted, not the rows:
    /// sorting the rows moved their names at every step and took each key
    /// anew at every comparison (8 M instructions for richards' 1,600
    /// functions, serial time of every `report`).
    func ordered(_ rows: [ReportRow]) -> [ReportRow] {
        let keys = rows.map(key)
        var order = Array(rows.indices)
        rows.withUnsafeBufferPointer { row in
            order.sort { a, b in
                if keys[a] != keys[b] { return keys[a] > keys[b] }
                return (row[a].function.name, row[a].function.hash) < (row[b].function.name, row[b].function.hash)
            }
        }
        return order.map { rows[$0] }
    }
}
