import TraceAnalysis

/// What the HTML report's window picker needs: the instants a window can
/// start or end at (the run's start, every mark, the run's end) and, for
/// each stretch between two consecutive ones, every function's calls and
/// times there, measured by the same windowed pass as `--window`. A window
/// from one instant to a later one sums its stretches: calls, self and
/// inclusive time all add up (an activation crossing a boundary is cut
/// there); only the longest call does not, so the picker's table has none.
struct HTMLWindowData: Encodable {
    /// A place a window can start or end at.
    struct Point: Encodable {
        var label: String
        /// ns on the page's timeline.
        var time: UInt64

        enum CodingKeys: String, CodingKey {
            case label
            case time = "time_ns"
        }
    }

    var points: [Point]
    /// Per stretch: `[row, calls, primitive calls, resumes, total ns, self ns]`
    /// for each function that ran in it (`row` indexes the page's functions).
    var segments: [[[UInt64]]]

    /// The picker for a single trace with marks; nil otherwise (the marks of
    /// several processes have no common origin to measure stretches from).
    init?(_ profiles: [TraceProfile], rows: [String: Int]) {
        guard profiles.count == 1, let profile = profiles.first, !profile.marks.isEmpty else { return nil }
        let whole = profile.window?.window ?? .all
        let end = min(whole.end, profile.durationNs)
        var points = [Point(label: profile.window == nil ? "start of the run" : "start of the window", time: whole.start)]
        for mark in profile.marks where mark.time > whole.start && mark.time < end && mark.time > points[points.count - 1].time {
            points.append(Point(label: mark.label, time: mark.time))
        }
        points.append(Point(label: profile.window == nil ? "end of the run" : "end of the window", time: end))
        guard points.count > 2 else { return nil }
        let stretches = zip(points, points.dropFirst()).map { TimeWindow(start: $0.time, end: $1.time == end ? whole.end : $1.time) }
        // The trace was just read whole; should it fail now, the page has no picker rather than no page.
        guard let stats = try? WindowProfiler.profile(path: profile.path, windows: stretches) else { return nil }
        let catalog = FunctionCatalog(profiles: profiles)
        segments = stats.functions.map { table in
            table.sorted { $0.key < $1.key }.compactMap { code, s in
                guard let row = rows[catalog.functions[catalog.function(trace: 0, code: code)].name] else { return nil }
                return [UInt64(row), s.calls, s.primitiveCalls, s.resumes, s.totalNs, s.selfNs]
            }
        }
        self.points = points
    }
}
