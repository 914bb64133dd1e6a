import TraceFormat

/// What `pyframe record` says of a trace it has just written: its size, its
/// event count, its end record, and its process id, read as cheaply as the
/// file allows.
package struct TraceTotals: Sendable {
    /// The file's size in bytes.
    package var size: Int
    /// Events in the file: the end record's count, else the event chunks' sum.
    package var events: UInt64
    /// The end record; nil when the trace was cut short (or is still being written).
    package var end: EndRecord?
    /// The recorded process's id, from the first chunk, read only without an
    /// end record (to ask whether the process still runs); nil otherwise.
    package var pid: UInt64?

    /// Reads `path`. A complete trace ends with its end record, which has
    /// the count; only a cut-short one needs its chunks read.
    package init(path: String) throws {
        let file = try TraceFile(path: path)
        size = file.size
        events = 0
        if let last = file.scan.chunks.last, file.scan.truncatedAt == nil,
           case let .end(e)? = try? file.decodeChunk(last, codec: ChunkCodec()) {
            end = e
            events = e.eventsWritten
        } else {
            var sum: UInt64 = 0
            try? file.forEachChunk { _, chunk in
                if case let .events(c) = chunk { sum += UInt64(c.header.eventCount) }
            }
            events = sum
        }
        if end == nil, let first = file.scan.chunks.first, case let .process(p)? = try? file.decodeChunk(first, codec: ChunkCodec()) {
            pid = p.pid
        }
    }
}
