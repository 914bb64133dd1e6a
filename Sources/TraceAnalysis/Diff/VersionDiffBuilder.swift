/// `pyframe diff TRACE --versions`: each function patched during one run,
/// version against next version (`[v1]` against `[v2]` …), per activation.
///
/// Versions are the code objects of one function that ran with different
/// bodies: same file, qualified name and first line with another bytecode
/// hash, or code compiled from a pseudo-file (a notebook cell, an `exec`'d
/// string) that took over the only function of its name.
package enum VersionDiffBuilder {
    /// The diff of consecutive versions, from `stats` measured over the whole trace (one window).
    package static func build(profile: TraceProfile, stats: WindowedStats) -> ProfileDiff {
        let catalog = FunctionCatalog(profiles: [profile])
        let summary = ProcessSummary(profile)
        let all = WindowDiffBuilder.side(0, stats: stats, catalog: catalog, summary: summary)
        var rows: [DiffRow] = []
        var beforeNames: [String: Int] = [:], afterNames: [String: Int] = [:]
        for candidate in DiffCandidate.side(all.functions, catalog: catalog) where candidate.functions.count > 1 {
            let versions = candidate.functions
            for k in 0..<(versions.count - 1) {
                let b = WindowDiffBuilder.side(0, stats: stats, catalog: catalog, summary: summary, only: [versions[k]])
                let a = WindowDiffBuilder.side(0, stats: stats, catalog: catalog, summary: summary, only: [versions[k + 1]])
                let pair = DiffBuilder.build(before: b, after: a, catalog: catalog)
                guard var row = pair.rows.first(where: { $0.presence == .both }) else { continue }
                row.versions = (k + 1, k + 2)
                beforeNames[catalog.functions[versions[k]].identity.displayName] = rows.count
                afterNames[catalog.functions[versions[k + 1]].identity.displayName] = rows.count
                rows.append(row)
            }
        }
        let tested = rows.indices.filter { rows[$0].significance != nil }
        let q = MultipleComparison.benjaminiHochberg(tested.map { rows[$0].significance!.p })
        for (k, i) in tested.enumerated() { rows[i].adjustedP = q[k] }
        let duration = Sample([Double(stats.durations[0])])
        let python = Sample([Double(stats.pythonNs[0])])
        var diff = ProfileDiff(
            beforeHeader: ReportHeader(processes: [summary]), afterHeader: ReportHeader(processes: [summary]),
            beforeDuration: duration, afterDuration: duration, beforePythonTime: python, afterPythonTime: python,
            durationSignificance: nil, rows: rows)
        diff.kind = .versions
        diff.basis = .activations
        diff.beforeLabel = "earlier version"
        diff.afterLabel = "next version"
        diff.beforeRowByName = beforeNames
        diff.afterRowByName = afterNames
        return diff
    }
}
