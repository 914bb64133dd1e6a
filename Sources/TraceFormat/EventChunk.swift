/// An events chunk, decoded lazily: the header is parsed, the events are
/// decoded on demand by ``forEach(_:)`` straight from the chunk's bytes.
public struct EventChunk: Sendable {
    /// The chunk's header.
    public let header: EventChunkHeader
    /// Where the chunk's LZ4 frame starts in the file, for error messages.
    public let fileOffset: Int
    private let bytes: [UInt8]
    private let eventsStart: Int

    init(header: EventChunkHeader, bytes: [UInt8], eventsStart: Int, fileOffset: Int) {
        self.header = header
        self.bytes = bytes
        self.eventsStart = eventsStart
        self.fileOffset = fileOffset
    }

    /// Calls `body` for each event in order, attributing exits through a stack
    /// seeded with ``EventChunkHeader/openFrames``.
    ///
    /// - Throws: ``TraceError/damaged(offset:detail:)`` if the bytes do not
    ///   decode to exactly `eventCount` well-formed events. Events before the
    ///   damage have already been passed to `body`.
    public func forEach(_ body: (TraceEvent) -> Void) throws(TraceError) {
        // The stack is a raw buffer: it is pushed or popped for every event.
        var stack = GrowableBuffer<UInt32>(capacity: max(64, header.openFrames.count * 2))
        defer { stack.free() }
        var depth = header.openFrames.count
        for (i, code) in header.openFrames.enumerated() { stack.base[i] = code }
        try withBytes(bytes) { (raw: UnsafeRawBufferPointer) throws(TraceError) in
            var reader = ByteReader(raw, start: eventsStart, fileOffset: fileOffset)
            var time = header.baseTime
            var predicted = header.openFrames.last ?? 0
            for _ in 0..<header.eventCount {
                let tag = try reader.byte()
                guard let kind = EventKind(rawValue: tag & 0x07) else {
                    throw reader.damage("unknown event kind \(tag & 0x07)")
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
                let code: UInt32
                if kind.isEntry {
                    if tag & 0x08 != 0 {
                        predicted = try reader.varint32("code id")
                    }
                    code = predicted
                    if _slowPath(depth == stack.capacity) { stack.grow(keeping: depth) }
                    stack.base[depth] = code
                    depth += 1
                } else {
                    guard tag & 0x08 == 0 else { throw reader.damage("exit event carries a code id") }
                    guard depth > 0 else { throw reader.damage("exit event with no open frame") }
                    depth -= 1
                    code = stack.base[depth]
                }
                body(TraceEvent(kind: kind, code: code, time: time))
            }
            guard reader.isAtEnd else {
                throw reader.damage("\(reader.remaining) bytes left after \(header.eventCount) events")
            }
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
