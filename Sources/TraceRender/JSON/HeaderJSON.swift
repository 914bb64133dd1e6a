import TraceAnalysis

/// What a report's header says (its processes, duration, events, losses),
/// in `report --format json` and in each side of `diff --format json`.
struct HeaderJSON: Encodable {
    var processes: [ProcessJSON]
    var durationNs: UInt64
    var threads: Int
    var events: UInt64
    var droppedEvents: UInt64
    var traceBytes: Int
    var complete: Bool
    var losses: [String]

    enum CodingKeys: String, CodingKey {
        case processes, threads, events, complete, losses
        case durationNs = "duration_ns"
        case droppedEvents = "dropped_events"
        case traceBytes = "trace_bytes"
    }

    init(_ h: ReportHeader) {
        processes = h.processes.map(ProcessJSON.init)
        durationNs = h.durationNs
        threads = h.threadCount
        events = h.events
        droppedEvents = h.droppedEvents
        traceBytes = h.traceBytes
        complete = h.complete
        losses = ProblemText.losses(h)
    }
}
