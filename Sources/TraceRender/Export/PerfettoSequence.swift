/// One thread's packet sequence in a Perfetto trace: the state Perfetto
/// keeps per `trusted_packet_sequence_id` (interned names, the incremental
/// clock, the default track), and the packets that use it.
///
/// Field numbers are those of Perfetto's published schema
/// (protos/perfetto/trace/trace_packet.proto, track_event/track_event.proto,
/// clock_snapshot.proto, trace_packet_defaults.proto, interned_data.proto).
/// The sequence starts with a packet that clears the incremental state,
/// sets the defaults (this thread's track, timestamps on the incremental
/// clock) and snapshots that clock against REALTIME. A slice packet then
/// holds only what differs from event to event: its time as the delta from
/// the previous packet's, the sequence id (it scopes the incremental clock,
/// which trace_processor refuses on sequence 0), and the TrackEvent's type
/// and, for a begin, its name id. It leaves out SEQ_NEEDS_INCREMENTAL_STATE:
/// that flag only asks a reader to skip the packet while the sequence's
/// state is invalid, which in this file it never is (the state is cleared
/// first and no packet is lost), and the defaults apply with or without it
/// (trace_packet.proto: "TracePacketDefaults always override the global
/// defaults for any future packet on this sequence (regardless of
/// SEQ_NEEDS_INCREMENTAL_STATE)"). The rare packets (names interned, tracks
/// described, marks) keep the flag. Names are interned with ids ranked by
/// how often the thread enters each function, so the hot ones take one byte.
/// A begin costs 11 bytes plus its time delta (a varint: one byte under
/// 128 ns, two under 16 µs), an end 9 plus its delta (Chrome JSON: about 60
/// an event).
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
        static let trackEvent: UInt8 = 0x5A        // 11, length-delimited
        static let type: UInt8 = 0x48              // 9, varint
        static let nameIid: UInt8 = 0x50           // 10, varint
    }

    /// The sequence id (1 and up, unique in the file).
    let id: UInt32
    /// The incremental clock's value: the time of the last packet.
    private var clock: UInt64
    /// Name id per code id: ranked in advance, with ``pending`` set until the
    /// name is interned on this sequence (0: not ranked, not interned).
    private var iids: [UInt64] = []
    private var nextIid: UInt64 = 1
    private static let pending: UInt64 = 1 << 63

    /// Starts sequence `id` for the track `track` with a packet that clears
    /// its state, sets its defaults, and puts its clock at `start`
    /// (REALTIME nanoseconds). `entries` are the thread's slice counts per
    /// code id (any order): the most entered codes get the smallest name ids.
    init(id: UInt32, track: UInt64, start: UInt64, entries: [(code: UInt32, count: UInt64)],
         into out: inout ExportBuffer) {
        self.id = id
        clock = start
        let ranked = entries.filter { $0.count > 0 }.sorted { ($0.count, $1.code) > ($1.count, $0.code) }
        iids = Array(repeating: 0, count: Int(ranked.map(\.code).max() ?? 0) + 1)
        for (rank, entry) in ranked.enumerated() { iids[Int(entry.code)] = UInt64(rank + 1) | Self.pending }
        nextIid = UInt64(ranked.count + 1)
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
        if c < iids.count, case let iid = iids[c], iid != 0, iid < Self.pending {
            event(Schema.sliceBegin, iid: iid, at: time, into: &out)
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
    /// length, the time delta, the sequence id, and the TrackEvent (type, and
    /// the name id of a begin).
    @inline(__always)
    private mutating func event(_ type: UInt64, iid: UInt64, at time: UInt64, into out: inout ExportBuffer) {
        let delta = time &- clock
        clock = time
        let eventSize = 2 + (iid == 0 ? 0 : 1 + Varint.size(iid))
        let packetSize = 1 + Varint.size(delta) + 1 + Varint.size(UInt64(id)) + 2 + eventSize
        let p = out.room(2 + packetSize)  // a packet is under 128 bytes: a one-byte length
        p[0] = Key.packet
        p[1] = UInt8(packetSize)
        var i = 2
        p[i] = Key.timestamp
        i += 1 + Varint.put(delta, at: p + i + 1)
        p[i] = Key.sequence
        i += 1 + Varint.put(UInt64(id), at: p + i + 1)
        p[i] = Key.trackEvent
        p[i + 1] = UInt8(eventSize)
        p[i + 2] = Key.type
        p[i + 3] = UInt8(type)
        i += 4
        if iid != 0 {
            p[i] = Key.nameIid
            i += 1 + Varint.put(iid, at: p + i + 1)
        }
        out.commit(i)
    }

    /// The first begin of `code` on this sequence: a packet that interns its
    /// name under its ranked id (or the next id after them) and uses it.
    private mutating func intern(_ code: UInt32, at time: UInt64, into out: inout ExportBuffer, name: [UInt8]) {
        let c = Int(code)
        if c >= iids.count { iids += Array(repeating: 0, count: c + 1 - iids.count) }
        var iid = iids[c] & ~Self.pending
        if iid == 0 {
            iid = nextIid
            nextIid += 1
        }
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
    /// trace), sequence id and SEQ_NEEDS_INCREMENTAL_STATE (as Perfetto's
    /// docs ask of packets that intern or use interned data).
    private mutating func header(at time: UInt64) -> ProtobufWriter {
        var packet = ProtobufWriter()
        packet.presentUInt64(Schema.timestamp, time &- clock)
        clock = time
        packet.uint64(Schema.trustedPacketSequenceId, UInt64(id))
        packet.uint64(Schema.sequenceFlags, Schema.needsIncrementalState)
        return packet
    }
}
