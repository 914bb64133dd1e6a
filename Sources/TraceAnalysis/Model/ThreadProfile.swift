import TraceFormat

/// Everything measured on one thread of one traced process.
public struct ThreadProfile: Sendable {
    /// The thread's index in the trace.
    public var index: UInt32
    /// The last record the trace holds for it (a later record renames the thread).
    public var record: ThreadRecord?
    /// Per-function statistics, by code id.
    public var functions: StatsTable
    /// The call tree, when stacks were collected.
    public var stacks: CallTree?
    /// First event time (ns since the origin); 0 without events.
    public var firstTime: UInt64
    /// Last event time (ns since the origin); 0 without events.
    public var lastTime: UInt64
    /// When frames still open at the end were closed.
    public var endTime: UInt64
    /// Events decoded for this thread.
    public var events: UInt64
    /// Events chunks decoded for this thread.
    public var chunks: Int
    /// Chunks absent from the sequence (lost or undecodable).
    public var missingChunks: UInt64
    /// Sum of the chunks' ``EventChunkHeader/droppedBefore``.
    public var droppedBefore: UInt64
    /// What flight-recorder (ring) mode dropped of this thread, from the
    /// trace's loss chunk; nil when nothing was.
    public var ringLoss: ThreadLoss?

    /// How a person would name the thread: its Python name, else `thread N`.
    public var name: String {
        if let name = record?.name, !name.isEmpty { return name }
        return "thread \(index)"
    }
}
