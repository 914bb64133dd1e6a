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

    /// Whether `a` comes before `b`: larger values first, ties by name.
    func precedes(_ a: ReportRow, _ b: ReportRow) -> Bool {
        let (x, y) = (a.stats, b.stats)
        let order: (UInt64, UInt64)
        switch self {
        case .calls: order = (x.calls, y.calls)
        case .total: order = (x.totalNs, y.totalNs)
        case .self: order = (x.selfNs, y.selfNs)
        case .selfPerCall: order = (x.selfPerCallNs ?? 0, y.selfPerCallNs ?? 0)
        case .totalPerCall: order = (x.totalPerPrimitiveCallNs ?? 0, y.totalPerPrimitiveCallNs ?? 0)
        case .max: order = (x.maxNs, y.maxNs)
        case .name: return (a.function.name, a.function.hash) < (b.function.name, b.function.hash)
        }
        if order.0 != order.1 { return order.0 > order.1 }
        return (a.function.name, a.function.hash) < (b.function.name, b.function.hash)
    }
}
