import TraceAnalysis

/// A mark, `pyframe.mark("label")`, in every JSON output. `time_ns` counts
/// from its process's origin, like event times (in an HTML page's data, from
/// the page's shared timeline: the earliest process's origin).
struct MarkJSON: Encodable {
    var pid: UInt64
    var thread: UInt32
    var threadName: String
    var timeNs: UInt64
    var label: String

    enum CodingKeys: String, CodingKey {
        case pid, thread, label
        case threadName = "thread_name"
        case timeNs = "time_ns"
    }

    /// `m`, `offset` ns later (an HTML page's shared timeline puts each
    /// process at its start).
    init(_ m: MarkSummary, offset: UInt64 = 0) {
        pid = m.pid
        thread = m.thread
        threadName = m.threadName
        timeNs = offset + m.timeNs
        label = m.label
    }
}
