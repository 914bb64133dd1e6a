/// One thread's packet sequence in a Perfetto trace: the state Perfetto
/// keeps per `trusted_packet_sequence_id` (interned names, the incremental
/// clock, the default track), and the packets that use it.
///
/// Field numbers are those of Perfetto's published schema
/// (protos/perfetto/trace/trace_packet.proto, track_event/track_event.proto,
/// clock_snapshot.proto, trace_packet_defaults.proto, interned_data.proto).
/// The sequence starts with a packet that clears the incremental state,
/// sets the defaults (this thread's track, timestamps on the incremental
/// clock) and snapshots that clock against REALTIME; every later packet
/// carries SEQ_NEEDS_INCREMENTAL_STATE, its time as the delta from the
/// previous packet's, and its event's name as an id interned on first use.
/// A slice end needs no name, so a frame costs about 27 bytes (Chrome JSON:
/// 120-130).
struct PerfettoSequence {
    /// Field numbers and values used here, named as in Perfetto's schema.
    enum Schema {
        static let tracePacket = 1                 // Trace.packet
        static let timestamp = 8                   // TracePacket
        static let trustedPacketSequenceId = 10
        static let trackEvent = 11
        static let internedData = 12
        static let sequenceFlags = 13
        static let clockSnapshot = 6
        static let timestampClockId = 58
        static let tracePacketDefaults = 59
        static let trackDescriptor = 60
        static let incrementalStateCleared: UInt64 = 1  // SequenceFlags
        static let needsIncrementalState: UInt64 = 2
        static let eventType = 9                   // TrackEvent
        static let nameIid = 10
        static let trackUuid = 11                  // TrackEvent, TrackEventDefaults
        static let categories = 22
        static let name = 23
        static let sliceBegin: UInt64 = 1          // TrackEvent.Type
        static let sliceEnd: UInt64 = 2
        static let instant: UInt64 = 3
        static let trackEventDefaults = 11         // TracePacketDefaults
        static let eventNames = 2                  // InternedData
        static let realtime: UInt64 = 1            // BuiltinClocks
        static let incrementalClock: UInt64 = 64   // first sequence-scoped clock id
    }

    /// One-byte keys of the per-event fields (field << 3 | wire type).
    private enum Key {
        static let packet: UInt8 = 0x0A            // 1, length-delimited
        static let timestamp: UInt8 = 0x40         // 8, varint
        static let sequence: UInt8 = 0x50          // 10, varint
        static let flags: UInt8 = 0x68             // 13, varint
        static let trackEvent: UInt8 = 0x5A        // 11, length-delimited
        static let type: UInt8 = 0x48              // 9, varint
        static let nameIid: UInt8 = 0x50           // 10, varint
    }

    /// The sequence id (1 and up, unique in the file).
    let id: UInt32
    /// The incremental clock's value: the time of the last packet.
    private var clock: UInt64
    /// Interned name id per code id (0: not yet interned on this sequence).
    private var iids: [UInt64] = []
    private var nextIid: UInt64 = 1

    /// Starts sequence `id` for the track `track` with a packet that clears
    /// its state, sets its defaults, and puts its clock at `start`
    /// (REALTIME nanoseconds).
    init(id: UInt32, track: UInt64, start: UInt64, into out: inout ExportBuffer) {
        self.id = id
        clock = start
        var packet = ProtobufWriter()
        packet.uint64(Schema.trustedPacketSequenceId, UInt64(id))
        packet.uint64(Schema.sequenceFlags, Schema.incrementalStateCleared)
        packet.message(Schema.tracePacketDefaults) {
            $0.uint64(Schema.timestampClockId, Schema.incrementalClock)
            $0.message(Schema.trackEventDefaults) { $0.uint64(Schema.trackUuid, track) }
        }
        packet.message(Schema.clockSnapshot) {
            $0.message(1) { $0.uint64(1, Schema.realtime); $0.presentUInt64(2, start) }
            $0.message(1) {
                $0.uint64(1, Schema.incrementalClock)
                $0.presentUInt64(2, start)
                $0.bool(3, true)  // is_incremental
            }
            $0.uint64(2, Schema.realtime)  // primary_trace_clock
        }
        Self.append(packet, to: &out)
    }

    /// A slice of `code` begins at `time`; its name (from `names` for a
    /// code not seen before on this sequence) is interned.
    @inline(__always)
    mutating func begin(_ code: UInt32, at time: UInt64, into out: inout ExportBuffer,
                        names: inout FrameNames<[UInt8]>) {
        let c = Int(code)
        if c < iids.count, iids[c] != 0 {
            event(Schema.sliceBegin, iid: iids[c], at: time, into: &out)
        } else {
            intern(code, at: time, into: &out, name: names[code])
        }
    }

    /// The innermost slice ends at `time`.
    @inline(__always)
    mutating func end(at time: UInt64, into out: inout ExportBuffer) {
        event(Schema.sliceEnd, iid: 0, at: time, into: &out)
    }

    /// An instant event named `label` (category "mark") at `time`.
    mutating func mark(_ label: String, at time: UInt64, into out: inout ExportBuffer) {
        var packet = header(at: time)
        packet.message(Schema.trackEvent) {
            $0.uint64(Schema.eventType, Schema.instant)
            $0.string(Schema.categories, "mark")
            $0.string(Schema.name, label)
        }
        Self.append(packet, to: &out)
    }

    /// A TrackDescriptor packet for the track `uuid`, filled by `fill`,
    /// stamped at the sequence's current time (before the events on it).
    mutating func descriptor(uuid: UInt64, into out: inout ExportBuffer, _ fill: (inout ProtobufWriter) -> Void) {
        var packet = header(at: clock)
        packet.message(Schema.trackDescriptor) {
            $0.uint64(1, uuid)
            fill(&$0)
        }
        Self.append(packet, to: &out)
    }

    /// Writes one packet as a field of the `Trace` message.
    static func append(_ packet: ProtobufWriter, to out: inout ExportBuffer) {
        var field = ProtobufWriter()
        field.message(Schema.tracePacket, packet)
        out.append(field.bytes)
    }

    /// A slice event packet, encoded straight into the buffer: its key and
    /// length, the time delta, sequence id and flags, and the TrackEvent
    /// (type, and the name id of a begin).
    @inline(__always)
    private mutating func event(_ type: UInt64, iid: UInt64, at time: UInt64, into out: inout ExportBuffer) {
        let delta = time &- clock
        clock = time
        let eventSize = 2 + (iid == 0 ? 0 : 1 + Varint.size(iid))
        let packetSize = 1 + Varint.size(delta) + 1 + Varint.size(UInt64(id)) + 2 + 2 + eventSize
        let p = out.room(2 + packetSize)  // a packet is under 128 bytes: a one-byte length
        p[0] = Key.packet
        p[1] = UInt8(packetSize)
        var i = 2
        p[i] = Key.timestamp
        i += 1 + Varint.put(delta, at: p + i + 1)
        p[i] = Key.sequence
        i += 1 + Varint.put(UInt64(id), at: p + i + 1)
        p[i] = Key.flags
        p[i + 1] = UInt8(Schema.needsIncrementalState)
        p[i + 2] = Key.trackEvent
        p[i + 3] = UInt8(eventSize)
        p[i + 4] = Key.type
        p[i + 5] = UInt8(type)
        i += 6
        if iid != 0 {
            p[i] = Key.nameIid
            i += 1 + Varint.put(iid, at: p + i + 1)
        }
        out.commit(i)
    }

    /// The first begin of `code` on this sequence: a packet that interns its
    /// name under the next id and uses it.
    private mutating func intern(_ code: UInt32, at time: UInt64, into out: inout ExportBuffer, name: [UInt8]) {
        let c = Int(code)
        if c >= iids.count { iids += Array(repeating: 0, count: c + 1 - iids.count) }
        let iid = nextIid
        nextIid += 1
        iids[c] = iid
        var packet = header(at: time)
        packet.message(Schema.internedData) {
            $0.message(Schema.eventNames) { $0.uint64(1, iid); $0.bytes(2, name) }
        }
        packet.message(Schema.trackEvent) {
            $0.uint64(Schema.eventType, Schema.sliceBegin)
            $0.uint64(Schema.nameIid, iid)
        }
        Self.append(packet, to: &out)
    }

    /// A packet's first fields: its time delta (present even when 0: a
    /// packet without a timestamp would take the latest time of the whole
    /// trace), sequence id and flags.
    private mutating func header(at time: UInt64) -> ProtobufWriter {
        var packet = ProtobufWriter()
        packet.presentUInt64(Schema.timestamp, time &- clock)
        clock = time
        packet.uint64(Schema.trustedPacketSequenceId, UInt64(id))
        packet.uint64(Schema.sequenceFlags, Schema.needsIncrementalState)
        return packet
    }
}
