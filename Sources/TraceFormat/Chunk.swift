/// The version of the trace format this code writes and reads.
public enum TraceFormatVersion {
    /// Written into every chunk; a reader refuses chunks of a higher version.
    public static let current: UInt8 = 1
}

/// Every decompressed chunk starts with these four bytes, then the format
/// version and the chunk kind, so a chunk can be recognised alone.
package let chunkMagic: [UInt8] = [0x50, 0x59, 0x46, 0x52]  // "PYFR"

/// What a chunk holds.
public enum ChunkKind: UInt8, Sendable {
    case process = 1
    case codes = 2
    case threads = 3
    case events = 4
    case end = 5
    case loss = 6
    case marks = 7
    /// C functions a `--c-calls` recording saw (``CFunctionRecord``).
    case functions = 8
}

/// The fixed part of an events chunk: enough to decode it with no other chunk.
public struct EventChunkHeader: Equatable, Sendable {
    /// The thread the events belong to (see ``ThreadRecord/index``).
    public var thread: UInt32
    /// 0, 1, 2 … per thread; a gap means chunks are missing.
    public var sequence: UInt64
    /// Time of the first event, nanoseconds since the origin.
    public var baseTime: UInt64
    /// Number of events in the chunk.
    public var eventCount: UInt32
    /// Events of this thread lost just before this chunk (ring mode, stalls).
    public var droppedBefore: UInt64
    /// Code ids of the frames open when the chunk starts, outermost first,
    /// so that exits at the chunk's start can be attributed without earlier chunks.
    public var openFrames: [UInt32]

    /// Creates a header.
    public init(thread: UInt32, sequence: UInt64, baseTime: UInt64, eventCount: UInt32,
                droppedBefore: UInt64 = 0, openFrames: [UInt32] = []) {
        self.thread = thread
        self.sequence = sequence
        self.baseTime = baseTime
        self.eventCount = eventCount
        self.droppedBefore = droppedBefore
        self.openFrames = openFrames
    }
}

/// One decoded chunk.
public enum Chunk: Sendable {
    case process(ProcessRecord)
    case codes([CodeRecord])
    case threads([ThreadRecord])
    case events(EventChunk)
    case end(EndRecord)
    /// Events that were recorded but are not in the file (ring mode).
    case loss([ThreadLoss])
    /// Named instants the program marked (`pyframe.mark("label")`).
    case marks([Mark])
    /// C functions' identities (`--c-calls`).
    case functions([CFunctionRecord])
    /// A chunk kind this reader does not know; readers skip it.
    case unknown(kind: UInt8)
}

/// Events of one thread that are not in the file, e.g. dropped by
/// flight-recorder (ring) mode, which keeps only the newest part of a trace.
public struct ThreadLoss: Equatable, Sendable {
    /// The thread (see ``ThreadRecord/index``).
    public var thread: UInt32
    /// Events dropped.
    public var events: UInt64
    /// Events chunks dropped (the gap in that thread's sequence numbers).
    public var chunks: UInt64

    /// Creates a loss record.
    public init(thread: UInt32, events: UInt64, chunks: UInt64) {
        self.thread = thread
        self.events = events
        self.chunks = chunks
    }
}

/// A named instant in a thread's timeline, put there by the program
/// (`pyframe.mark("before patch")`), so that a trace can be read in parts.
public struct Mark: Equatable, Sendable {
    /// The thread that marked it.
    public var thread: UInt32
    /// Nanoseconds since the origin, on the same clock as events.
    public var time: UInt64
    /// The program's label.
    public var label: String

    /// Creates a mark.
    public init(thread: UInt32, time: UInt64, label: String) {
        self.thread = thread
        self.time = time
        self.label = label
    }
}
