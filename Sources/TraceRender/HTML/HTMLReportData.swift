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

    /// A thread's lane on the timeline: its recorded spans (one per stream:
    /// several when recording was paused and resumed), in ns on the shared
    /// timeline of all processes (the earliest process's origin at 0).
    struct Thread: Encodable {
        var pid: UInt64
        var index: UInt32
        /// Every stream index of the thread, for its marks.
        var streams: [UInt32]
        var name: String
        var spans: [[UInt64]]
    }

    /// A named instant from `pyframe.mark("label")`, at its time on the shared timeline.
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
    /// The window picker's stretches between marks; nil without marks.
    var windows: HTMLWindowData?

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
        let offsets = SharedTimeline.offsets(profiles)
        durationNs = zip(profiles, offsets).map { $0.durationNs + $1 }.max() ?? 0
        threads = zip(profiles, offsets).flatMap { p, offset in
            p.programThreads.map { group in
                let streams = group.map { p.threads[$0] }
                return Thread(pid: p.process.pid, index: streams[0].index, streams: streams.map(\.index),
                              name: streams[streams.count - 1].name,
                              spans: streams.map { t in
                                  let end = t.record?.endTime ?? Swift.max(t.endTime, t.lastTime)
                                  return [offset + t.firstTime, offset + Swift.max(end, t.firstTime)]
                              })
            }
        }
        marks = zip(profiles, offsets).flatMap { p, offset in
            p.marks.map { MarkEntry(pid: p.process.pid, thread: $0.thread, time: offset + $0.time, label: $0.label) }
        }
        self.flame = FlameChartData(flame)
        windows = HTMLWindowData(profiles, rows: Dictionary(rows.enumerated().map { ($1.function.name, $0) }) { a, _ in a })
    }
}
