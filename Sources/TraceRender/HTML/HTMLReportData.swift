import TraceAnalysis

/// What the HTML report's script draws, embedded in the page as JSON: the
/// function table, the flame graph, the threads' time spans and the marks.
/// Its rows are the rows of `report --format json` (``FunctionRowJSON``,
/// ``ThreadJSON``, ``MarkJSON``); times are on the page's shared timeline of
/// all processes (the earliest process's origin at 0).
struct HTMLReportData: Encodable {
    /// ``JSONSchema/page``.
    var schema = JSONSchema.page
    var title: String
    var functions: [FunctionRowJSON]
    var totalSelfNs: UInt64
    var durationNs: UInt64
    /// Each program thread's lane: its recorded spans, one per stream.
    var threads: [ThreadJSON]
    var marks: [MarkJSON]
    var flame: FlameChartData
    /// The window picker's stretches between marks; nil without marks.
    var windows: HTMLWindowData?

    enum CodingKeys: String, CodingKey {
        case schema, title, functions, threads, marks, flame, windows
        case totalSelfNs = "total_self_ns"
        case durationNs = "duration_ns"
    }

    /// Gathers the data from the analysed profiles, the merged report table
    /// (all rows) and the flame graph built from the same profiles.
    init(title: String, profiles: [TraceProfile], table: ReportTable?, flame: FlameGraph) {
        self.title = title
        let rows = table?.rows ?? []
        functions = table.map { table in rows.map { FunctionRowJSON($0, table: table) } } ?? []
        totalSelfNs = table?.totalSelfNs ?? 0
        let offsets = SharedTimeline.offsets(profiles)
        durationNs = zip(profiles, offsets).map { $0.durationNs + $1 }.max() ?? 0
        threads = zip(profiles, offsets).flatMap { p, offset in
            zip(p.programThreads, ProcessSummary(p).threads).map { group, summary in
                ThreadJSON(summary, spans: group.map { p.threads[$0] }.map { t in
                    let end = t.record?.endTime ?? Swift.max(t.endTime, t.lastTime)
                    return [offset + t.firstTime, offset + Swift.max(end, t.firstTime)]
                })
            }
        }
        marks = zip(profiles, offsets).flatMap { p, offset in
            MarkSummary.all([p]).map { MarkJSON($0, offset: offset) }
        }
        self.flame = FlameChartData(flame)
        windows = HTMLWindowData(profiles, rows: Dictionary(rows.enumerated().map { ($1.function.name, $0) }) { a, _ in a })
    }
}
