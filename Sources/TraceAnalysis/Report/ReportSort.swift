/// The orders `pyframe report --sort` offers.
public enum ReportSort: String, CaseIterable, Sendable {
    /// Most calls first.
    case calls
    /// Largest inclusive time first.
    case total
    /// Largest exclusive time first (the default: where time is actually spent).
    case `self`
    /// Largest mean per activation first.
    case mean
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
        case .mean: order = (x.meanNs, y.meanNs)
        case .max: order = (x.maxNs, y.maxNs)
        case .name: return (a.function.name, a.function.hash) < (b.function.name, b.function.hash)
        }
        if order.0 != order.1 { return order.0 > order.1 }
        return (a.function.name, a.function.hash) < (b.function.name, b.function.hash)
    }
}
