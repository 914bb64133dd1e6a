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
///
/// The recorder's writer thread encodes millions of events per second, so the
/// bytes go into a raw buffer with one capacity check per event, not through
/// an array's per-byte bookkeeping. The buffer is kept across chunks.
public final class EventEncoder {
    /// Largest encoding of one event: tag, 10-byte delta varint, 5-byte code varint.
    public static let maxEventBytes = 16

    /// The encoded events of the current chunk (``GrowableBuffer/count`` bytes).
    private var storage: GrowableBuffer<UInt8>
    private var lastTime: UInt64 = 0
    private var predicted: UInt32 = 0
    private var header = EventChunkHeader(thread: 0, sequence: 0, baseTime: 0, eventCount: 0)
    private var started = false

    /// Creates an encoder with room for `capacity` bytes before it grows.
    public init(capacity: Int = 1 << 16) {
        storage = GrowableBuffer(capacity: max(capacity, Self.maxEventBytes))
    }

    deinit { storage.free() }

    /// Number of events in the current chunk.
    public var eventCount: Int { Int(header.eventCount) }

    /// Bytes of encoded events in the current chunk.
    public var byteCount: Int { storage.count }

    /// Begins a chunk for `thread` whose open frames are `openFrames`.
    public func begin(thread: UInt32, sequence: UInt64, droppedBefore: UInt64 = 0,
                      openFrames: [UInt32]) {
        storage.removeAll()
        header = EventChunkHeader(thread: thread, sequence: sequence, baseTime: 0, eventCount: 0,
                                  droppedBefore: droppedBefore, openFrames: openFrames)
        predicted = openFrames.last ?? 0
        started = false
    }

    /// Appends one event. Times must not decrease; a smaller time is recorded
    /// as a zero delta.
    public func append(_ kind: EventKind, code: UInt32, time: UInt64) {
        var run = beginRun(events: 1)
        run.append(kind, code: code, time: time)
        endRun(run)
    }

    /// Starts a run of up to `events` appends (``Run``): room for them is
    /// made once, and the encoder's state is copied into the run.
    public func beginRun(events: Int) -> Run {
        storage.reserve(storage.count + events * Self.maxEventBytes)
        return Run(next: storage.base + storage.count, lastTime: lastTime, predicted: predicted,
                   events: 0, baseTime: started ? nil : 0)
    }

    /// Ends a run: its events become the chunk's.
    public func endRun(_ run: Run) {
        storage.setCountUnchecked(run.next - storage.base)
        guard run.events > 0 else { return }
        if !started {
            started = true
            header.baseTime = run.baseTime ?? 0
        }
        lastTime = run.lastTime
        predicted = run.predicted
        header.eventCount &+= run.events
    }

    /// Appends made in a loop with the encoder's state in registers (the
    /// recorder's writer encodes millions of events a second this way): no
    /// capacity check, no store back to the encoder, per event. At most the
    /// number of events ``beginRun(events:)`` made room for.
    @frozen public struct Run {
        /// Where the next event's bytes go.
        @usableFromInline var next: UnsafeMutablePointer<UInt8>
        @usableFromInline var lastTime: UInt64
        @usableFromInline var predicted: UInt32
        @usableFromInline var events: UInt32
        /// The first event's time while the chunk has none yet (then 0 until
        /// the run's first event); nil when the chunk has its base time.
        @usableFromInline var baseTime: UInt64?

        @usableFromInline
        init(next: UnsafeMutablePointer<UInt8>, lastTime: UInt64, predicted: UInt32, events: UInt32, baseTime: UInt64?) {
            self.next = next
            self.lastTime = lastTime
            self.predicted = predicted
            self.events = events
            self.baseTime = baseTime
        }

        /// Appends one event (as ``EventEncoder/append(_:code:time:)``).
        @inlinable @inline(__always)
        public mutating func append(_ kind: EventKind, code: UInt32, time: UInt64) {
            if _slowPath(events == 0 && baseTime != nil) {
                baseTime = time
                lastTime = time
            }
            let delta = time > lastTime ? time &- lastTime : 0
            lastTime = Swift.max(lastTime, time)
            let entry = kind.isEntry
            let withCode = entry && code != predicted
            var tag = kind.rawValue | UInt8(truncatingIfNeeded: delta & 7) << 5
            if withCode { tag |= 0x08 }
            var p = next
            if delta >= 8 {
                p.pointee = tag | 0x10
                p = EventEncoder.putVarint(delta >> 3, at: p + 1)
            } else {
                p.pointee = tag
                p += 1
            }
            if entry {
                if withCode { p = EventEncoder.putVarint(UInt64(code), at: p) }
                predicted = code
            }
            next = p
            events &+= 1
        }
    }

    @inlinable @inline(__always)
    static func putVarint(_ value: UInt64, at start: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        var v = value
        var p = start
        while v >= 0x80 {
            p.pointee = UInt8(truncatingIfNeeded: v) | 0x80
            p += 1
            v >>= 7
        }
        p.pointee = UInt8(truncatingIfNeeded: v)
        return p + 1
    }

    /// The complete chunk (before compression) for the events appended since `begin`.
    public func finish() -> [UInt8] {
        var out = ChunkWriter.start(.events, capacity: storage.count + 32 + header.openFrames.count * 2)
        out.varint(UInt64(header.thread))
        out.varint(header.sequence)
        out.varint(header.baseTime)
        out.varint(UInt64(header.eventCount))
        out.varint(header.droppedBefore)
        out.varint(header.openFrames.count)
        for code in header.openFrames { out.varint(UInt64(code)) }
        out.raw(UnsafeBufferPointer(start: storage.base, count: storage.count))
        return out.bytes
    }
}
