import TraceAnalysis
import TraceFormat

/// Writes traces as Perfetto's native protobuf trace (a `Trace` message of
/// `TracePacket`s), which ui.perfetto.dev and trace_processor open: every
/// frame is a slice (a TYPE_SLICE_BEGIN and a TYPE_SLICE_END track event)
/// on its thread's track, each traced process is a process track holding
/// its threads, and marks are instant events.
///
/// Chrome JSON spends 120-130 bytes a frame and is slow to write and load;
/// here a frame costs about 20 bytes (see
/// ``PerfettoSequence``), so large traces stay readable. Like the Chrome
/// export, the file is streamed: each thread's chunks are replayed in order
/// (``TraceTimeline``) and every event is encoded into one large buffer as
/// it comes, so memory does not grow with the trace.
///
/// Times are REALTIME nanoseconds (the trace's wall-clock start plus the
/// recorded times, exact), the clock the file declares as its trace clock.
package enum PerfettoExporter {
    /// Writes the file for `profiles` (analysed traces, whose files are read
    /// again for their events) to `sink`, in blocks of up to 1 MiB. With
    /// `compress`, blocks of packets are deflated into `compressed_packets`
    /// (``PacketCompressor``, on other threads while this one formats):
    /// several times smaller, at the cost of deflate's CPU time.
    ///
    /// - Throws: ``TraceError`` if a trace can no longer be opened.
    package static func write(_ profiles: [TraceProfile], compress: Bool = false,
                             to sink: (UnsafeRawBufferPointer) -> Void) throws(TraceError) {
        try withoutActuallyEscaping(sink) { (sink) throws(TraceError) in
            guard compress else {
                var out = ExportBuffer(sink: sink)
                defer { out.finish() }
                try write(profiles, into: &out)
                return
            }
            var compressor = PacketCompressor(sink: sink)
            defer { compressor.close() }
            var out = ExportBuffer(capacity: PacketCompressor.blockSize) { compressor.compress($0) }
            defer { out.finish() }
            try write(profiles, into: &out)
        }
    }

    private static func write(_ profiles: [TraceProfile], into out: inout ExportBuffer) throws(TraceError) {
        let catalog = FunctionCatalog(profiles: profiles)
        var nextSequence: UInt32 = 1
        for (t, profile) in profiles.enumerated() {
            let timeline = try TraceTimeline(path: profile.path)
            let process = UInt64(t + 1) << 32  // track uuids: the trace, then its thread
            let pid = Int64(truncatingIfNeeded: Int32(truncatingIfNeeded: profile.process.pid))
            let start = profile.process.startWallNs
            var names = FrameNames(catalog: catalog, trace: t) { Array($0.name.utf8) }
            let marks = Dictionary(grouping: profile.marks, by: \.thread).mapValues { $0.sorted { $0.time < $1.time } }
            let threads = Set(timeline.threads).union(profile.threads.map(\.index)).union(marks.keys).sorted()
            for (i, thread) in threads.enumerated() {
                let record = profile.threads.first { $0.index == thread }
                let track = process | UInt64(thread + 1)
                let entries = record?.functions.nonEmpty().map { ($0.code, $0.stats.calls + $0.stats.resumes) } ?? []
                var sequence = PerfettoSequence(id: nextSequence, track: track, start: start, entries: entries,
                                                into: &out)
                nextSequence += 1
                if i == 0 {
                    sequence.descriptor(uuid: process, into: &out) {
                        $0.message(3) {  // ProcessDescriptor
                            $0.int64(1, pid)
                            for argument in profile.process.argv { $0.string(2, argument) }
                            $0.string(6, DisplayFormat.commandLine(profile.process.argv))
                        }
                    }
                }
                sequence.descriptor(uuid: track, into: &out) {
                    $0.uint64(5, process)  // parent_uuid
                    $0.message(4) {  // ThreadDescriptor
                        $0.int64(1, pid)
                        $0.int64(2, Int64(truncatingIfNeeded: record?.record?.nativeId ?? UInt64(thread)))
                        $0.string(5, record?.name ?? "thread \(thread)")
                    }
                }
                // A stream ended by a pause (--signal) closes its frames there.
                let pause = record?.record?.endTime
                var writer = ThreadWriter(sequence: sequence, out: out, names: names, start: start,
                                          marks: marks[thread] ?? [])
                // Through one pointer: each variable the per-event closure
                // captured would cost a dynamic exclusivity check per event.
                withUnsafeMutablePointer(to: &writer) { w in
                    timeline.walk(thread: thread, endTime: pause ?? profile.durationNs) { w.pointee.step($0) }
                    w.pointee.marks(upTo: .max)
                }
                out = writer.out
                names = writer.names
            }
        }
    }
}

/// One thread's walk: its sequence, the output, the names, and the marks
/// still to place among its events at their times (the sequence's clock
/// only moves forward).
private struct ThreadWriter {
    var sequence: PerfettoSequence
    var out: ExportBuffer
    var names: FrameNames<[UInt8]>
    /// The trace's wall-clock start: event times are nanoseconds after it.
    let start: UInt64
    var pending: ArraySlice<Mark>
    var nextMark: UInt64

    init(sequence: PerfettoSequence, out: ExportBuffer, names: FrameNames<[UInt8]>, start: UInt64, marks: [Mark]) {
        self.sequence = sequence
        self.out = out
        self.names = names
        self.start = start
        pending = marks[...]
        nextMark = marks.first?.time ?? .max
    }

    @inline(__always)
    mutating func step(_ step: TraceTimeline.Step) {
        switch step {
        case let .open(code, time):
            if time >= nextMark { marks(upTo: time) }
            sequence.begin(code, at: start + time, into: &out, names: &names)
        case let .close(_, time):
            if time >= nextMark { marks(upTo: time) }
            sequence.end(at: start + time, into: &out)
        }
    }

    /// Writes the marks at or before `time`.
    mutating func marks(upTo time: UInt64) {
        while let mark = pending.first, mark.time <= time {
            sequence.mark(mark.label, at: start + mark.time, into: &out)
            pending.removeFirst()
        }
        nextMark = pending.first?.time ?? .max
    }
}
