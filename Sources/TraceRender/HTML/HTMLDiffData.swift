import TraceAnalysis

/// What the HTML diff page's script draws, embedded as JSON: every
/// function's before and after means, and the differential flame graph.
struct HTMLDiffData: Encodable {
    /// One function of the diff.
    struct Row: Encodable {
        var name: String
        var path: String
        /// `both`, `appeared` or `vanished`.
        var presence: String
        /// The bytecode differs between the sides.
        var patched: Bool
        var callsBefore: Double
        var callsAfter: Double
        var selfBefore: Double
        var selfAfter: Double
        var totalBefore: Double
        var totalAfter: Double
        /// Mean total after minus before, ns.
        var change: Double
        /// Change relative to before; nil for a function that appeared.
        var relative: Double?
        /// Welch's p-value; nil with one run a side.
        var p: Double?
    }

    var title: String
    var rows: [Row]
    var flame: FlameChartData

    /// The page data for `diff` and its differential graph.
    init(title: String, diff: ProfileDiff, graph: DiffFlameGraph) {
        self.title = title
        rows = diff.rows.map { r in
            Row(name: r.identity.displayName, path: r.identity.file, presence: r.presence.rawValue, patched: r.patched,
                callsBefore: r.before.calls.mean, callsAfter: r.after.calls.mean,
                selfBefore: r.before.selfNs.mean, selfAfter: r.after.selfNs.mean,
                totalBefore: r.before.totalNs.mean, totalAfter: r.after.totalNs.mean,
                change: r.totalChange, relative: r.relativeTotalChange, p: r.significance?.p)
        }
        flame = FlameChartData(graph)
    }
}
