/// Encodes one thread's events into the compact form of an events chunk.
///
/// Each event is a tag byte, then an optional time-delta varint, then an
/// optional code-id varint:
///
/// ```
/// tag bit 0-2  kind (EventKind)
/// tag bit 3    C: a code-id varint follows (entries only)
/// tag bit 4    D: a varint follows holding delta >> 3
/// tag bit 5-7  delta & 7 (the whole delta when D is clear)
/// ```
///
/// The delta is nanoseconds since the previous event of the chunk (the first
/// event's since ``EventChunkHeader/baseTime``). An entry omits its code id
/// when it equals the code of the previous entry in the chunk, or for the
/// first entry the innermost open frame; exits never carry one. Recursive
/// fib therefore costs two bytes per event before compression.
public struct EventEncoder: Sendable {
    private var body = ByteWriter(capacity: 1 << 16)
    private var lastTime: UInt64 = 0
    private var predicted: UInt32 = 0
    private var header = EventChunkHeader(thread: 0, sequence: 0, baseTime: 0, eventCount: 0)
    private var started = false

    /// Creates an encoder; storage is kept across chunks.
    public init() {}

    /// Number of events in the current chunk.
    public var eventCount: Int { Int(header.eventCount) }

    /// Bytes of encoded events in the current chunk.
    public var byteCount: Int { body.count }

    /// Begins a chunk for `thread` whose open frames are `openFrames`.
    public mutating func begin(thread: UInt32, sequence: UInt64, droppedBefore: UInt64 = 0,
                               openFrames: [UInt32]) {
        body.removeAll()
        header = EventChunkHeader(thread: thread, sequence: sequence, baseTime: 0, eventCount: 0,
                                  droppedBefore: droppedBefore, openFrames: openFrames)
        predicted = openFrames.last ?? 0
        started = false
    }

    /// Appends one event. Times must not decrease; a smaller time is recorded
    /// as a zero delta.
    @inline(__always)
    public mutating func append(_ kind: EventKind, code: UInt32, time: UInt64) {
        if !started {
            started = true
            header.baseTime = time
            lastTime = time
        }
        let delta = time > lastTime ? time - lastTime : 0
        lastTime = max(lastTime, time)
        var tag = kind.rawValue | UInt8(truncatingIfNeeded: delta & 7) << 5
        let withCode = kind.isEntry && code != predicted
        if withCode { tag |= 0x08 }
        if delta >= 8 { tag |= 0x10 }
        body.byte(tag)
        if delta >= 8 { body.varint(delta >> 3) }
        if kind.isEntry {
            if withCode { body.varint(UInt64(code)) }
            predicted = code
        }
        header.eventCount += 1
    }

    /// The complete chunk (before compression) for the events appended since `begin`.
    public func finish() -> [UInt8] {
        var out = ChunkWriter.start(.events, capacity: body.count + 32 + header.openFrames.count * 2)
        out.varint(UInt64(header.thread))
        out.varint(header.sequence)
        out.varint(header.baseTime)
        out.varint(UInt64(header.eventCount))
        out.varint(header.droppedBefore)
        out.varint(header.openFrames.count)
        for code in header.openFrames { out.varint(UInt64(code)) }
        out.raw(body.bytes)
        return out.bytes
    }
}
