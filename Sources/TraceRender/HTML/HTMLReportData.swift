import TraceAnalysis

/// What the HTML report's script draws, embedded in the page as JSON: the
/// function table, the flame graph, the threads' time spans and the marks.
/// Keys are short because large programs have thousands of rows.
struct HTMLReportData: Encodable {
    /// One row of the function table.
    struct Function: Encodable {
        var name: String
        var path: String
        var calls: UInt64
        /// Primitive (non-recursive) calls.
        var pcalls: UInt64
        var resumes: UInt64
        var total: UInt64
        var `self`: UInt64
        /// Self ÷ calls and total ÷ primitive calls (cProfile's percall columns); null without calls.
        var selfPerCall: UInt64?
        var totalPerCall: UInt64?
        var max: UInt64
        /// Self time as a share of all Python time, 0…1.
        var share: Double
    }

    /// A thread's lane on the timeline, in ns since its process's origin.
    struct Thread: Encodable {
        var pid: UInt64
        var index: UInt32
        var name: String
        var start: UInt64
        var end: UInt64
    }

    /// A named instant from `pyframe.mark("label")`.
    struct MarkEntry: Encodable {
        var pid: UInt64
        var thread: UInt32
        var time: UInt64
        var label: String
    }

    var title: String
    var functions: [Function]
    var totalSelfNs: UInt64
    var durationNs: UInt64
    var threads: [Thread]
    var marks: [MarkEntry]
    var flame: FlameChartData

    /// Gathers the data from the analysed profiles, the merged report table
    /// (all rows) and the flame graph built from the same profiles.
    init(title: String, profiles: [TraceProfile], table: ReportTable?, flame: FlameGraph) {
        self.title = title
        let rows = table?.rows ?? []
        functions = rows.map { r in
            Function(name: r.function.name, path: r.function.rawPath, calls: r.stats.calls,
                     pcalls: r.stats.primitiveCalls, resumes: r.stats.resumes,
                     total: r.stats.totalNs, self: r.stats.selfNs, selfPerCall: r.stats.selfPerCallNs,
                     totalPerCall: r.stats.totalPerPrimitiveCallNs, max: r.stats.maxNs,
                     share: table?.share(r.stats.selfNs) ?? 0)
        }
        totalSelfNs = table?.totalSelfNs ?? 0
        durationNs = profiles.map(\.durationNs).max() ?? 0
        threads = profiles.flatMap { p in
            p.threads.map { t in
                Thread(pid: p.process.pid, index: t.index, name: t.name, start: t.firstTime,
                       end: Swift.max(t.endTime, t.lastTime, t.firstTime))
            }
        }
        marks = profiles.flatMap { p in
            p.marks.map { MarkEntry(pid: p.process.pid, thread: $0.thread, time: $0.time, label: $0.label) }
        }
        self.flame = FlameChartData(flame)
    }
}
