import PyBytecode
import TraceFormat

/// Compares the runs before a change with the runs after it.
package enum DiffBuilder {
    /// Builds the diff of whole runs; every profile is one run.
    package static func build(before: [TraceProfile], after: [TraceProfile]) -> ProfileDiff {
        let catalog = FunctionCatalog(profiles: before + after)
        func side(_ profiles: [TraceProfile], offset: Int) -> DiffSide {
            DiffSide(
                runs: profiles.enumerated().map { p, profile in
                    var run: [Int: FunctionStats] = [:]
                    for (code, s) in profile.mergedFunctions().nonEmpty() {
                        run[catalog.function(trace: offset + p, code: code), default: FunctionStats()].add(s)
                    }
                    return run
                },
                processes: profiles.map(ProcessSummary.init),
                durations: profiles.map { Double($0.durationNs) },
                pythonTimes: profiles.map { Double($0.totalSelfNs) })
        }
        var diff = build(before: side(before, offset: 0), after: side(after, offset: before.count), catalog: catalog)
        if let warning = ProgramIdentity.mismatch(before: before.map(\.process), after: after.map(\.process)) {
            diff.warnings.append(warning)
        }
        return diff
    }

    /// Builds the diff of two sides whose function indices come from `catalog`.
    package static func build(before: DiffSide, after: DiffSide, catalog: FunctionCatalog) -> ProfileDiff {
        let beforeCandidates = DiffCandidate.side(before.functions, catalog: catalog)
        let afterCandidates = DiffCandidate.side(after.functions, catalog: catalog)
        func record(_ c: DiffCandidate) -> CodeRecord? { c.functions.lazy.compactMap { catalog.functions[$0].record }.first }
        let matches = FunctionMatcher.match(before: beforeCandidates, after: afterCandidates) { isAfter, i in
            record(isAfter ? afterCandidates[i] : beforeCandidates[i])
        }
        let runsJudged = before.runs.count >= 2 && after.runs.count >= 2
        let basis: ProfileDiff.Basis = runsJudged ? .runs : (before.activations != nil && after.activations != nil ? .activations : .none)

        // Runs of two CPython versions (a 3.11 run against a 3.13 run): the
        // compilers differ, so a function is patched only when its source
        // did; same source, other bytecode is "recompiled".
        let beforePython = before.processes.first?.process.pythonVersion
        let afterPython = after.processes.first?.process.pythonVersion
        let compilersDiffer = beforePython.flatMap(PythonVersion.init) != afterPython.flatMap(PythonVersion.init)
        func sameCode(_ x: CodeRecord, _ y: CodeRecord) -> Bool {
            if CodeBody.same(x, y) { return true }
            guard compilersDiffer, let beforePython, let afterPython else { return false }
            return BytecodeDiff.differsOnlyByCompiler(x, python: beforePython, y, python: afterPython)
        }
        var rows: [DiffRow] = []
        var names: [(before: [Int], after: [Int])] = []
        for m in matches {
            let b = m.before.map { beforeCandidates[$0] }
            let a = m.after.map { afterCandidates[$0] }
            let bs = stats(b, before), asd = stats(a, after)
            let presence: DiffRow.Presence = b == nil ? .appeared : (a == nil ? .vanished : .both)
            let bRecords = b?.functions.compactMap { catalog.functions[$0].record } ?? []
            let aRecords = a?.functions.compactMap { catalog.functions[$0].record } ?? []
            let fresh = aRecords.filter { r in !bRecords.contains { sameCode($0, r) } }
            let gone = bRecords.filter { r in !aRecords.contains { sameCode($0, r) } }
            let patched = presence == .both && !bRecords.isEmpty && !aRecords.isEmpty && (!fresh.isEmpty || !gone.isEmpty)
            let recompiled = compilersDiffer && presence == .both && !patched
                && aRecords.contains { r in !bRecords.contains { CodeBody.same($0, r) } }
            let bLoc = b?.home, aLoc = a?.latest
            var moved = false
            if let bLoc, let aLoc, !patched { moved = bLoc.file != aLoc.file || bLoc.line != aLoc.line }
            var row = DiffRow(
                identity: (aLoc ?? bLoc)!, beforeLocation: bLoc, afterLocation: aLoc, presence: presence,
                patched: patched, moved: moved, pairing: m.pairing?.rawValue, before: bs, after: asd,
                beforeActivations: activations(b, before), afterActivations: activations(a, after))
            switch basis {
            case .runs: row.significance = WelchTest(before: bs.totalNs, after: asd.totalNs)
            case .activations:
                row.significance = WelchTest(before: row.beforeActivations ?? Moments(), after: row.afterActivations ?? Moments())
            case .none: break
            }
            row.recompiled = recompiled
            if patched {
                row.beforeCode = gone.first ?? bRecords.first
                row.afterCode = fresh.first ?? aRecords.last
            }
            rows.append(row)
            names.append((b?.functions ?? [], a?.functions ?? []))
        }
        let tested = rows.indices.filter { rows[$0].significance != nil }
        let q = MultipleComparison.benjaminiHochberg(tested.map { rows[$0].significance!.p })
        for (k, i) in tested.enumerated() { rows[i].adjustedP = q[k] }
        // Sort keys made once per row: made per comparison, each comparison
        // copied two rows and spelled two display names.
        let changes = rows.map { abs($0.totalChange) }
        let identities = rows.map(\.identity)
        let labels = rows.map(\.displayName)
        let order = rows.indices.sorted { i, j in
            if changes[i] != changes[j] { return changes[i] > changes[j] }
            return (identities[i], labels[i]) < (identities[j], labels[j])
        }
        // Every version's frame name leads to its row, on each side.
        var beforeRowByName: [String: Int] = [:], afterRowByName: [String: Int] = [:]
        for (position, i) in order.enumerated() {
            for f in names[i].before { beforeRowByName[catalog.functions[f].identity.displayName] = position }
            for f in names[i].after { afterRowByName[catalog.functions[f].identity.displayName] = position }
        }
        rows = order.map { rows[$0] }
        let beforeDuration = Sample(before.durations), afterDuration = Sample(after.durations)
        var diff = ProfileDiff(
            beforeHeader: ReportHeader(processes: before.processes),
            afterHeader: ReportHeader(processes: after.processes),
            beforeDuration: beforeDuration, afterDuration: afterDuration,
            beforePythonTime: Sample(before.pythonTimes), afterPythonTime: Sample(after.pythonTimes),
            durationSignificance: WelchTest(before: beforeDuration, after: afterDuration),
            rows: rows)
        diff.basis = basis
        diff.beforeRowByName = beforeRowByName
        diff.afterRowByName = afterRowByName
        return diff
    }

    /// One candidate's measures per run (zeros when absent).
    private static func stats(_ c: DiffCandidate?, _ side: DiffSide) -> SideStats {
        let perRun = side.runs.map { run in
            var s = FunctionStats()
            for f in c?.functions ?? [] { if let x = run[f] { s.add(x) } }
            return s
        }
        return SideStats(calls: Sample(perRun.map { Double($0.calls) }),
                         selfNs: Sample(perRun.map { Double($0.selfNs) }),
                         totalNs: Sample(perRun.map { Double($0.totalNs) }))
    }

    /// One candidate's activation moments, all versions together.
    private static func activations(_ c: DiffCandidate?, _ side: DiffSide) -> Moments? {
        guard let table = side.activations else { return nil }
        return (c?.functions ?? []).reduce(Moments()) { $0.merged(with: table[$1] ?? Moments()) }
    }
}
