import TraceFormat

/// Compares the runs before a change with the runs after it.
public enum DiffBuilder {
    /// Builds the diff; every profile is one run.
    public static func build(before: [TraceProfile], after: [TraceProfile]) -> ProfileDiff {
        let all = before + after
        let catalog = FunctionCatalog(profiles: all)
        var byIdentity: [FunctionIdentity: Int] = [:]
        var identities: [FunctionIdentity] = []
        for f in catalog.functions where byIdentity[f.identity] == nil {
            byIdentity[f.identity] = identities.count
            identities.append(f.identity)
        }
        let functionRow = catalog.functions.map { byIdentity[$0.identity]! }

        // Per run, per identity: calls, self, total.
        var perRun: [[FunctionStats]] = []
        for (p, profile) in all.enumerated() {
            var stats = [FunctionStats](repeating: FunctionStats(), count: identities.count)
            for (code, s) in profile.mergedFunctions().nonEmpty() {
                stats[functionRow[catalog.function(trace: p, code: code)]].add(s)
            }
            perRun.append(stats)
        }
        // Versions seen on each side.
        var beforeVersions = [[Int]](repeating: [], count: identities.count)
        var afterVersions = [[Int]](repeating: [], count: identities.count)
        for (p, profile) in all.enumerated() {
            for id in profile.codes.keys.sorted() {
                let f = catalog.function(trace: p, code: id)
                let row = functionRow[f]
                if p < before.count {
                    if !beforeVersions[row].contains(f) { beforeVersions[row].append(f) }
                } else if !afterVersions[row].contains(f) {
                    afterVersions[row].append(f)
                }
            }
        }

        var rows: [DiffRow] = []
        for (i, identity) in identities.enumerated() {
            let b = side(perRun[0..<before.count], i)
            let a = side(perRun[before.count...], i)
            if b.isAbsent && a.isAbsent { continue }
            let presence: DiffRow.Presence = b.isAbsent ? .appeared : (a.isAbsent ? .vanished : .both)
            let beforeHashes = Set(beforeVersions[i].map { catalog.functions[$0].hash })
            let afterHashes = Set(afterVersions[i].map { catalog.functions[$0].hash })
            let patched = presence == .both && !beforeHashes.isEmpty && !afterHashes.isEmpty
                && beforeHashes != afterHashes
            var row = DiffRow(identity: identity, presence: presence, patched: patched, before: b, after: a,
                              significance: WelchTest(before: b.totalNs, after: a.totalNs))
            if patched {
                row.beforeCode = beforeVersions[i].first.flatMap { catalog.functions[$0].record }
                let fresh = afterVersions[i].first { !beforeHashes.contains(catalog.functions[$0].hash) }
                row.afterCode = (fresh ?? afterVersions[i].last).flatMap { catalog.functions[$0].record }
            }
            rows.append(row)
        }
        rows.sort { x, y in
            let (dx, dy) = (abs(x.totalChange), abs(y.totalChange))
            if dx != dy { return dx > dy }
            return x.identity < y.identity
        }
        let beforeDuration = Sample(before.map { Double($0.durationNs) })
        let afterDuration = Sample(after.map { Double($0.durationNs) })
        return ProfileDiff(
            beforeHeader: ReportHeader(processes: before.map(ProcessSummary.init)),
            afterHeader: ReportHeader(processes: after.map(ProcessSummary.init)),
            beforeDuration: beforeDuration, afterDuration: afterDuration,
            beforePythonTime: Sample(before.map { Double($0.totalSelfNs) }),
            afterPythonTime: Sample(after.map { Double($0.totalSelfNs) }),
            durationSignificance: WelchTest(before: beforeDuration, after: afterDuration),
            rows: rows)
    }

    private static func side(_ runs: ArraySlice<[FunctionStats]>, _ i: Int) -> SideStats {
        SideStats(calls: Sample(runs.map { Double($0[i].calls) }),
                  selfNs: Sample(runs.map { Double($0[i].selfNs) }),
                  totalNs: Sample(runs.map { Double($0[i].totalNs) }))
    }
}
