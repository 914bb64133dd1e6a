/// Compares two windows of one trace (before and after a mark, or between
/// marks or times), or the versions of the functions patched during it.
package enum WindowDiffBuilder {
    /// The diff of window 0 (before) against window 1 (after) of `stats`,
    /// measured on `profile`'s trace. Tests compare single activations.
    package static func build(profile: TraceProfile, stats: WindowedStats,
                             beforeLabel: String, afterLabel: String) -> ProfileDiff {
        let catalog = FunctionCatalog(profiles: [profile])
        let summary = ProcessSummary(profile)
        let sides = (0..<2).map { w in side(w, stats: stats, catalog: catalog, summary: summary) }
        var diff = DiffBuilder.build(before: sides[0], after: sides[1], catalog: catalog)
        diff.kind = .windows
        diff.beforeLabel = beforeLabel
        diff.afterLabel = afterLabel
        return diff
    }

    /// Window `w` of `stats` as one side: one run, with activation spreads.
    static func side(_ w: Int, stats: WindowedStats, catalog: FunctionCatalog, summary: ProcessSummary,
                     only: Set<Int>? = nil) -> DiffSide {
        var run: [Int: FunctionStats] = [:]
        for (code, s) in stats.functions[w] {
            let f = catalog.function(trace: 0, code: code)
            if let only, !only.contains(f) { continue }
            run[f, default: FunctionStats()].add(s)
        }
        var activations: [Int: Moments] = [:]
        for (code, m) in stats.activations[w] {
            let f = catalog.function(trace: 0, code: code)
            if let only, !only.contains(f) { continue }
            activations[f] = (activations[f] ?? Moments()).merged(with: m)
        }
        return DiffSide(runs: [run], activations: activations, processes: [summary],
                        durations: [Double(stats.durations[w])], pythonTimes: [Double(stats.pythonNs[w])])
    }
}
