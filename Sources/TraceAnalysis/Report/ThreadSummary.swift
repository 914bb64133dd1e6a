/// A thread as a report names it.
public struct ThreadSummary: Sendable {
    /// The process it ran in.
    public var pid: UInt64
    /// Its index in the trace.
    public var index: UInt32
    /// Its Python name (the latest the trace recorded), or `thread N`.
    public var name: String
    /// The kernel's thread id, 0 when unknown.
    public var nativeId: UInt64
    /// Events recorded on it.
    public var events: UInt64
    /// Time from its first event to its end, ns.
    public var durationNs: UInt64

    /// `MainThread (pid 12, thread 0)`.
    public var title: String { "\(name) (pid \(pid), thread \(index))" }
}
