/// A thread as a report names it.
package struct ThreadSummary: Sendable {
    /// The process it ran in.
    package var pid: UInt64
    /// Its index in the trace.
    package var index: UInt32
    /// Its Python name (the latest the trace recorded), or `thread N`.
    package var name: String
    /// The kernel's thread id, 0 when unknown.
    package var nativeId: UInt64
    /// Events recorded on it.
    package var events: UInt64
    /// Time recorded: from its first event to its end, ns (summed over its
    /// streams when recording paused).
    package var durationNs: UInt64
    /// The trace's thread indices that recorded it: one, or one per
    /// recording window when recording was paused and resumed (--signal).
    package var streams: [UInt32]

    /// A thread summary.
    package init(pid: UInt64, index: UInt32, name: String, nativeId: UInt64, events: UInt64, durationNs: UInt64,
                streams: [UInt32]? = nil) {
        self.pid = pid
        self.index = index
        self.name = name
        self.nativeId = nativeId
        self.events = events
        self.durationNs = durationNs
        self.streams = streams ?? [index]
    }

    /// `MainThread (pid 12, thread 0)`.
    package var title: String { "\(name) (pid \(pid), thread \(index))" }
}
