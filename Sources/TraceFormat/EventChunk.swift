/// An events chunk, decoded lazily: the header is parsed, the events are
/// decoded on demand by ``forEach(_:)`` straight from the chunk's bytes.
public struct EventChunk: Sendable {
    /// The chunk's header.
    public let header: EventChunkHeader
    /// Where the chunk's LZ4 frame starts in the file, for error messages.
    public let fileOffset: Int
    @usableFromInline let bytes: [UInt8]
    @usableFromInline let eventsStart: Int

    init(header: EventChunkHeader, bytes: [UInt8], eventsStart: Int, fileOffset: Int) {
        self.header = header
        self.bytes = bytes
        self.eventsStart = eventsStart
        self.fileOffset = fileOffset
    }

    /// Passes each event in order to `visitor`: the one loop that reads
    /// event bytes.
    ///
    /// - Throws: ``TraceError/damaged(offset:detail:)`` if the bytes do not
    ///   decode to exactly `eventCount` well-formed events. Events before the
    ///   damage have already been passed to `visitor`.
    @inlinable
    public func decode<Visitor: EventVisitor>(into visitor: inout Visitor) throws(TraceError) {
        let count = header.eventCount
        let start = eventsStart
        let offset = fileOffset
        let baseTime = header.baseTime
        let open = header.openFrames
        try withBytes(bytes) { (raw: UnsafeRawBufferPointer) throws(TraceError) in
            // The loop's state is local to this closure: captured from
            // outside, it lived in memory, and the running time's every
            // update went through a store and a load.
            var time = baseTime
            var predicted = open.last ?? 0
            var depth = open.count
            var reader = ByteReader(raw, start: start, fileOffset: offset)
            for _ in 0..<count {
                let tag = try reader.byte()
                let kindBits = tag & 0x07
                guard kindBits <= EventKind.unwind.rawValue else {
                    throw reader.damage("unknown event kind \(kindBits)")
                }
                var delta = UInt64(tag >> 5)
                if tag & 0x10 != 0 {
                    let high = try reader.varint()
                    guard high <= (UInt64.max >> 3) else { throw reader.damage("time delta overflows") }
                    delta |= high << 3
                }
                let (sum, overflow) = time.addingReportingOverflow(delta)
                guard !overflow else { throw reader.damage("time overflows 64 bits") }
                time = sum
                let kind = EventKind(rawValue: kindBits).unsafelyUnwrapped
                if kindBits <= EventKind.resume.rawValue {
                    if tag & 0x08 != 0 {
                        let id = try reader.varint()
                        guard id <= UInt64(UInt32.max) else {
                            throw reader.damage("code id \(id) does not fit 32 bits")
                        }
                        predicted = UInt32(truncatingIfNeeded: id)
                    }
                    depth &+= 1
                    visitor.enter(kind, code: predicted, time: time)
                } else {
                    guard tag & 0x08 == 0 else { throw reader.damage("exit event carries a code id") }
                    guard depth > 0 else { throw reader.damage("exit event with no open frame") }
                    depth &-= 1
                    visitor.leave(kind, time: time)
                }
            }
            guard reader.isAtEnd else {
                throw reader.damage("\(reader.remaining) bytes left after \(count) events")
            }
        }
    }

    /// Calls `body` for each event in order, attributing exits through a stack
    /// seeded with ``EventChunkHeader/openFrames``.
    ///
    /// - Throws: as ``decode(into:)``; events before the damage have already
    ///   been passed to `body`.
    public func forEach(_ body: (TraceEvent) -> Void) throws(TraceError) {
        try withoutActuallyEscaping(body) { (body) throws(TraceError) in
            var visitor = EventReplay(open: header.openFrames, body: body)
            defer { visitor.stack.free() }
            try decode(into: &visitor)
        }
    }

    /// All events of the chunk as an array (for tests and small tools).
    public func events() throws(TraceError) -> [TraceEvent] {
        var out: [TraceEvent] = []
        out.reserveCapacity(Int(header.eventCount))
        try forEach { out.append($0) }
        return out
    }
}

/// The visitor behind ``EventChunk/forEach(_:)``: keeps the stack of open
/// codes so that every event, exits too, names its code.
private struct EventReplay: EventVisitor {
    /// A raw buffer: it is pushed or popped for every event.
    var stack: GrowableBuffer<UInt32>
    let body: (TraceEvent) -> Void

    init(open: [UInt32], body: @escaping (TraceEvent) -> Void) {
        stack = GrowableBuffer(capacity: max(64, open.count * 2))
        for code in open { stack.append(code) }
        self.body = body
    }

    mutating func enter(_ kind: EventKind, code: UInt32, time: UInt64) {
        stack.append(code)
        body(TraceEvent(kind: kind, code: code, time: time))
    }

    mutating func leave(_ kind: EventKind, time: UInt64) {
        // The decoder throws before an exit with no open frame.
        stack.removeLastUnchecked()
        body(TraceEvent(kind: kind, code: stack[unchecked: stack.count], time: time))
    }
}
