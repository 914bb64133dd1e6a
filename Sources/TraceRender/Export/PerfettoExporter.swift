import TraceAnalysis
import TraceFormat

/// Writes traces as Perfetto's native protobuf trace (a `Trace` message of
/// `TracePacket`s), which ui.perfetto.dev and trace_processor open: every
/// frame is a slice (a TYPE_SLICE_BEGIN and a TYPE_SLICE_END track event)
/// on its thread's track, each traced process is a process track holding
/// its threads, and marks are instant events.
///
/// Chrome's JSON spends about 100 bytes per frame and is slow to load;
/// here a frame costs a little over two dozen bytes (see
/// ``PerfettoSequence``), so large traces stay readable. Like the Chrome
/// export, the file is streamed: each thread's chunks are replayed in order
/// (``TraceTimeline``) and every event is encoded into one large buffer as
/// it comes, so memory does not grow with the trace.
///
/// Times are REALTIME nanoseconds (the trace's wall-clock start plus the
/// recorded times, exact), the clock the file declares as its trace clock.
public enum PerfettoExporter {
    /// Writes the file for `profiles` (analysed traces, whose files are read
    /// again for their events) to `sink`, in blocks of up to 1 MiB.
    ///
    /// - Throws: ``TraceError`` if a trace can no longer be opened.
    public static func write(_ profiles: [TraceProfile],
                             to sink: (UnsafeRawBufferPointer) -> Void) throws(TraceError) {
        let catalog = FunctionCatalog(profiles: profiles)
        var nextSequence: UInt32 = 1
        try withoutActuallyEscaping(sink) { (sink) throws(TraceError) in
            var out = ExportBuffer(sink: sink)
            defer { out.close() }
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
                    var sequence = PerfettoSequence(id: nextSequence, track: track, start: start, into: &out)
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
                    // Marks go in among the events at their times (the clock only moves forward).
                    var pending = (marks[thread] ?? [])[...]
                    var nextMark = pending.first?.time ?? .max
                    func marksUpTo(_ time: UInt64) {
                        guard time >= nextMark else { return }
                        while let mark = pending.first, mark.time <= time {
                            sequence.mark(mark.label, at: start + mark.time, into: &out)
                            pending.removeFirst()
                        }
                        nextMark = pending.first?.time ?? .max
                    }
                    // A stream ended by a pause (--signal) closes its frames there.
                    let pause = record?.record?.endTime
                    timeline.walk(thread: thread, endTime: pause ?? profile.durationNs) { step in
                        switch step {
                        case let .open(code, time):
                            marksUpTo(time)
                            sequence.begin(code, at: start + time, into: &out) { names[$0] }
                        case let .close(_, time):
                            marksUpTo(time)
                            sequence.end(at: start + time, into: &out)
                        }
                    }
                    marksUpTo(.max)
                }
            }
        }
    }
}
