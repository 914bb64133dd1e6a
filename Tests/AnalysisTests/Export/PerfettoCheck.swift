import Foundation
import PyFrameTestSupport
import Testing

/// The Perfetto reader for the tests: Google's `protobuf` package (the venv
/// of ``PprofCheck``) parsing the file with message classes built, with
/// `descriptor_pb2`, from the fields of Perfetto's published schema that a
/// track-event trace uses (protos/perfetto/trace/trace.proto,
/// trace_packet.proto, track_event/*.proto, clock_snapshot.proto,
/// interned_data/interned_data.proto, trace_packet_defaults.proto), so no
/// protoc is needed.
///
/// On top of the parse, the script replays the file as trace_processor
/// reads it: per sequence, the incremental state must have been cleared
/// before any packet on it (slice packets leave out
/// SEQ_NEEDS_INCREMENTAL_STATE, and trace_processor reads them with the
/// sequence's state whether or not they carry it); defaults give the clock
/// and the track, with or without the flag;
/// timestamps on the incremental clock add up from the clock snapshot;
/// names resolve through the names interned on the sequence; compressed
/// packets are inflated with `zlib` and read in their place. Per track,
/// times never go backwards and every BEGIN is matched by an END.
enum PerfettoCheck {
    /// What the reader found, or nil when the protobuf package is missing
    /// (the test is then disabled) or the check failed (an issue is recorded).
    static func read(_ path: String) -> [String: Any]? {
        guard let python = PprofCheck.python else { return nil }
        return ExportCheck.run(python, script: script, arguments: [path])
    }

    static let script = #"""
    import json, sys, zlib
    from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
    F = descriptor_pb2.FieldDescriptorProto
    fd = descriptor_pb2.FileDescriptorProto(name="perfetto_trace.proto", package="perfetto.protos", syntax="proto2")
    U32, U64, I32, I64, STR, BOOL, BYTES, MSG = (F.TYPE_UINT32, F.TYPE_UINT64, F.TYPE_INT32, F.TYPE_INT64,
                                                 F.TYPE_STRING, F.TYPE_BOOL, F.TYPE_BYTES, F.TYPE_MESSAGE)
    def msg(name, *fields):
        m = fd.message_type.add(name=name)
        for fname, num, typ, rep, tname in fields:
            f = m.field.add(name=fname, number=num, type=typ,
                            label=F.LABEL_REPEATED if rep else F.LABEL_OPTIONAL)
            if tname: f.type_name = ".perfetto.protos." + tname
    msg("Trace", ("packet", 1, MSG, 1, "TracePacket"))
    msg("TracePacket", ("timestamp", 8, U64, 0, None), ("timestamp_clock_id", 58, U32, 0, None),
        ("trusted_packet_sequence_id", 10, U32, 0, None), ("track_event", 11, MSG, 0, "TrackEvent"),
        ("interned_data", 12, MSG, 0, "InternedData"), ("sequence_flags", 13, U32, 0, None),
        ("clock_snapshot", 6, MSG, 0, "ClockSnapshot"), ("trace_packet_defaults", 59, MSG, 0, "TracePacketDefaults"),
        ("track_descriptor", 60, MSG, 0, "TrackDescriptor"), ("compressed_packets", 50, BYTES, 0, None))
    msg("TrackEvent", ("category_iids", 3, U64, 1, None), ("categories", 22, STR, 1, None),
        ("name_iid", 10, U64, 0, None), ("name", 23, STR, 0, None), ("type", 9, I32, 0, None),
        ("track_uuid", 11, U64, 0, None))
    msg("InternedData", ("event_names", 2, MSG, 1, "EventName"))
    msg("EventName", ("iid", 1, U64, 0, None), ("name", 2, STR, 0, None))
    msg("ClockSnapshot", ("clocks", 1, MSG, 1, "Clock"), ("primary_trace_clock", 2, I32, 0, None))
    msg("Clock", ("clock_id", 1, U32, 0, None), ("timestamp", 2, U64, 0, None),
        ("is_incremental", 3, BOOL, 0, None), ("unit_multiplier_ns", 4, U64, 0, None))
    msg("TracePacketDefaults", ("timestamp_clock_id", 58, U32, 0, None),
        ("track_event_defaults", 11, MSG, 0, "TrackEventDefaults"))
    msg("TrackEventDefaults", ("track_uuid", 11, U64, 0, None))
    msg("TrackDescriptor", ("uuid", 1, U64, 0, None), ("parent_uuid", 5, U64, 0, None), ("name", 2, STR, 0, None),
        ("process", 3, MSG, 0, "ProcessDescriptor"), ("thread", 4, MSG, 0, "ThreadDescriptor"))
    msg("ProcessDescriptor", ("pid", 1, I32, 0, None), ("cmdline", 2, STR, 1, None), ("process_name", 6, STR, 0, None))
    msg("ThreadDescriptor", ("pid", 1, I32, 0, None), ("tid", 2, I64, 0, None), ("thread_name", 5, STR, 0, None))
    pool = descriptor_pool.DescriptorPool()
    pool.Add(fd)
    Trace = message_factory.GetMessageClass(pool.FindMessageTypeByName("perfetto.protos.Trace"))
    trace = Trace()
    trace.ParseFromString(open(sys.argv[1], "rb").read())

    CLEARED, NEEDS = 1, 2              # TracePacket.SequenceFlags
    BEGIN, END, INSTANT = 1, 2, 3      # TrackEvent.Type
    REALTIME = 1                       # BuiltinClocks
    sequences = {}   # id -> {"defaults", "clocks": {id: [value, incremental]}, "names": {iid: name}}
    tracks = {}      # uuid -> TrackDescriptor
    stacks, last_ts, slices, marks = {}, {}, {}, []
    primary = None
    bundles = 0
    def packets():
        # compressed_packets: a zlib stream of a Trace's packets, each bundle under 512 KiB.
        global bundles
        for p in trace.packet:
            if p.HasField("compressed_packets"):
                assert p.ByteSize() < 512 * 1024, "compressed packet over 512 KiB"
                bundles += 1
                inner = Trace()
                inner.ParseFromString(zlib.decompress(p.compressed_packets))
                for q in inner.packet:
                    assert not q.HasField("compressed_packets")
                    yield q
            else:
                yield p
    for p in packets():
        seq_id = p.trusted_packet_sequence_id
        assert seq_id > 0, "every packet is on a sequence"
        if p.sequence_flags & CLEARED:
            sequences[seq_id] = {"defaults": None, "clocks": {}, "names": {}}
        # As trace_processor: a packet flagged NEEDS is skipped while its sequence's
        # state is invalid (never cleared); one without the flag is read with the
        # sequence's state as it stands, its defaults included. Here neither may
        # meet an uncleared sequence: the packet would be lost or misread.
        assert seq_id in sequences, f"sequence {seq_id} used before its state was cleared"
        seq = sequences[seq_id]
        if p.HasField("interned_data") or p.HasField("track_descriptor"):
            assert p.sequence_flags & NEEDS, f"a packet that interns or describes on sequence {seq_id} lacks NEEDS"
        if p.HasField("trace_packet_defaults"):
            seq["defaults"] = p.trace_packet_defaults
        for e in p.interned_data.event_names:
            assert e.iid not in seq["names"], f"iid {e.iid} interned twice on sequence {seq_id}"
            seq["names"][e.iid] = e.name
        if p.HasField("clock_snapshot"):
            cs = p.clock_snapshot
            primary = cs.primary_trace_clock
            values = {c.clock_id: c.timestamp for c in cs.clocks}
            assert REALTIME in values, "snapshot without the trace clock"
            for c in cs.clocks:
                assert c.unit_multiplier_ns in (0, 1)
                if c.is_incremental:
                    assert c.clock_id >= 64, "only sequence-scoped clocks may be incremental"
                    assert c.timestamp == values[REALTIME]
                seq["clocks"][c.clock_id] = [c.timestamp, c.is_incremental]
            continue
        # The packet's time, on the trace clock.
        ts = None
        if p.HasField("timestamp"):
            clock = p.timestamp_clock_id or (seq["defaults"].timestamp_clock_id if seq["defaults"] else 0)
            if clock == REALTIME:
                ts = p.timestamp
            else:
                assert clock in seq["clocks"], f"clock {clock} not snapshotted on sequence {seq_id}"
                value, incremental = seq["clocks"][clock]
                assert incremental
                value += p.timestamp
                seq["clocks"][clock][0] = value
                ts = value
        if p.HasField("track_descriptor"):
            d = p.track_descriptor
            assert d.uuid not in tracks, f"track {d.uuid} described twice"
            tracks[d.uuid] = d
        if p.HasField("track_event"):
            ev = p.track_event
            assert ts is not None, "track event without a timestamp"
            track = ev.track_uuid or seq["defaults"].track_event_defaults.track_uuid
            assert track in tracks and tracks[track].HasField("thread"), f"event on undescribed track {track}"
            assert ts >= last_ts.get(track, 0), f"time goes back on track {track}: {ts}"
            last_ts[track] = ts
            stack = stacks.setdefault(track, [])
            if ev.type == BEGIN:
                name = seq["names"][ev.name_iid] if ev.HasField("name_iid") else ev.name
                assert name, "slice without a name"
                stack.append((name, ts))
            elif ev.type == END:
                assert stack, f"END without BEGIN on track {track}"
                name, start = stack.pop()
                slices.setdefault(track, []).append((name, start, ts, len(stack)))
            elif ev.type == INSTANT:
                assert list(ev.categories) == ["mark"], ev
                marks.append([ev.name, ts, tracks[track].thread.tid])
            else:
                raise AssertionError(f"unexpected event type {ev.type}")
    assert primary == REALTIME, "the trace clock is REALTIME"
    for track, stack in stacks.items():
        assert not stack, f"{len(stack)} slices left open on track {track}"
    counts, self_ns, threads, processes = {}, {}, [], {}
    for uuid, d in tracks.items():
        if d.HasField("process"):
            processes[d.process.pid] = {"name": d.process.process_name, "cmdline": list(d.process.cmdline)}
    for uuid, d in tracks.items():
        if not d.HasField("thread"): continue
        parent = tracks.get(d.parent_uuid)
        assert parent is not None and parent.HasField("process"), f"thread track {uuid} has no process track"
        assert parent.process.pid == d.thread.pid
        spans = slices.get(uuid, [])
        # Children within their parents: the slices of one depth never overlap, and
        # each is inside the innermost slice open around it.
        inner = {}
        for name, start, end, depth in spans:
            counts[name] = counts.get(name, 0) + 1
            self_ns[name] = self_ns.get(name, 0) + (end - start) - inner.pop(depth + 1, 0)
            inner[depth] = inner.get(depth, 0) + (end - start)
        threads.append({"name": d.thread.thread_name, "tid": d.thread.tid, "pid": d.thread.pid, "slices": len(spans),
                        "first": min((s[1] for s in spans), default=None)})
    print(json.dumps({"counts": counts, "self": self_ns, "threads": threads, "marks": marks,
                      "processes": {str(k): v for k, v in processes.items()}, "sequences": len(sequences),
                      "bundles": bundles}))
    """#
}
