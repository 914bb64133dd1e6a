/// Builds a ``ProfileReport`` from analysed traces: merges processes by
/// function version, then filters, sorts and cuts each table.
package enum ReportBuilder {
    /// Merges `profiles` (one per process) into one report.
    package static func build(_ profiles: [TraceProfile], options: ReportOptions = ReportOptions()) throws(ReportError) -> ProfileReport {
        let matcher = try NameMatcher(options.match)
        let catalog = FunctionCatalog(profiles: profiles)
        let header = ReportHeader(processes: profiles.map(ProcessSummary.init))
        var tables: [ReportTable] = []
        if options.perThread {
            for (p, profile) in profiles.enumerated() {
                for (t, group) in profile.programThreads.enumerated() {
                    var stats = [FunctionStats](repeating: FunctionStats(), count: catalog.functions.count)
                    for position in group { add(profile.threads[position].functions, trace: p, catalog: catalog, into: &stats) }
                    tables.append(table(stats, catalog: catalog, thread: header.processes[p].threads[t],
                                        options: options, matcher: matcher))
                }
            }
        } else {
            var stats = [FunctionStats](repeating: FunctionStats(), count: catalog.functions.count)
            for (p, profile) in profiles.enumerated() {
                for thread in profile.threads { add(thread.functions, trace: p, catalog: catalog, into: &stats) }
            }
            tables.append(table(stats, catalog: catalog, thread: nil, options: options, matcher: matcher))
        }
        return ProfileReport(header: header, tables: tables, marks: MarkSummary.all(profiles))
    }

    private static func add(_ table: StatsTable, trace: Int, catalog: FunctionCatalog,
                            into stats: inout [FunctionStats]) {
        for (code, s) in table.nonEmpty() {
            stats[catalog.function(trace: trace, code: code)].add(s)
        }
    }

    private static func table(_ stats: [FunctionStats], catalog: FunctionCatalog, thread: ThreadSummary?,
                              options: ReportOptions, matcher: NameMatcher) -> ReportTable {
        var totalSelf: UInt64 = 0
        var rows: [ReportRow] = []
        for (i, s) in stats.enumerated() where !s.isEmpty {
            totalSelf += s.selfNs
            let f = catalog.functions[i]
            if matcher.matches(f) { rows.append(ReportRow(function: f, stats: s)) }
        }
        rows = options.sort.ordered(rows)
        let matched = rows.count
        if let limit = options.limit, limit > 0, rows.count > limit { rows.removeLast(rows.count - limit) }
        return ReportTable(thread: thread, rows: rows, matched: matched, totalSelfNs: totalSelf)
    }
}
