import TraceAnalysis

/// A program thread (all its streams when recording paused and resumed).
struct ThreadJSON: Encodable {
    var pid: UInt64
    var index: UInt32
    var name: String
    var nativeId: UInt64
    var events: UInt64
    var durationNs: UInt64
    /// The trace's stream indices of this thread (several when recording paused and resumed).
    var streams: [UInt32]
    /// Its recorded spans as [start, end] pairs, one per stream, in ns on an
    /// HTML page's shared timeline; only in the page's data (absent
    /// elsewhere), where the timeline draws them.
    var spans: [[UInt64]]?

    enum CodingKeys: String, CodingKey {
        case pid, index, name, events, streams, spans
        case nativeId = "native_id"
        case durationNs = "duration_ns"
    }

    init(_ t: ThreadSummary, spans: [[UInt64]]? = nil) {
        pid = t.pid
        index = t.index
        name = t.name
        nativeId = t.nativeId
        events = t.events
        durationNs = t.durationNs
        streams = t.streams
        self.spans = spans
    }
}
