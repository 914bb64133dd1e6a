import TraceAnalysis
import TraceFormat

/// Writes traces as Chrome Trace Event JSON (`{"traceEvents": [...]}`), the
/// format Perfetto UI and chrome://tracing open, so a recording can be read
/// as a timeline: every frame is a complete event (`"ph":"X"`) on its
/// thread's track.
///
/// The document is streamed: each thread's chunks are replayed in order
/// (``TraceTimeline``) and a frame's event is written when it closes, so only
/// the open stack is held. Times are microseconds with three decimals (exact
/// nanoseconds); several traces share one timeline by their wall-clock
/// starts, the earliest at 0. Each trace is one process (its recorded pid),
/// each thread one track (its native thread id), and marks are instant events.
public enum ChromeTraceExporter {
    /// Writes the document for `profiles` (analysed traces, whose files are
    /// read again for their events) as lines to `emit`.
    ///
    /// - Throws: ``TraceError`` if a trace can no longer be opened.
    public static func write(_ profiles: [TraceProfile], to emit: (String) -> Void) throws(TraceError) {
        let catalog = FunctionCatalog(profiles: profiles)
        let origin = profiles.map(\.process.startWallNs).min() ?? 0
        var usedPids: Set<UInt64> = []
        var first = true
        func event(_ text: String) {
            emit(first ? text : "," + text)
            first = false
        }
        emit("{\"displayTimeUnit\":\"ns\",\"traceEvents\":[")
        for (t, profile) in profiles.enumerated() {
            // Two traces of one pid (a reused id, or the same file twice) stay apart.
            var pid = profile.process.pid
            while usedPids.contains(pid) { pid += 1 << 32 }
            usedPids.insert(pid)
            let offset = profile.process.startWallNs - origin
            let process = DisplayFormat.commandLine(profile.process.argv)
            event("{\"ph\":\"M\",\"name\":\"process_name\",\"pid\":\(pid),\"tid\":0,\"args\":{\"name\":\(ExportJSON.quote(process))}}")
            var tids: [UInt32: UInt64] = [:]
            for thread in profile.threads {
                let tid = thread.record?.nativeId ?? UInt64(thread.index)
                tids[thread.index] = tid
                event("{\"ph\":\"M\",\"name\":\"thread_name\",\"pid\":\(pid),\"tid\":\(tid),\"args\":{\"name\":\(ExportJSON.quote(thread.name))}}")
            }
            for mark in profile.marks {
                let tid = tids[mark.thread] ?? UInt64(mark.thread)
                event("{\"ph\":\"i\",\"s\":\"t\",\"name\":\(ExportJSON.quote(mark.label)),\"cat\":\"mark\",\"pid\":\(pid),\"tid\":\(tid),\"ts\":\(ExportJSON.micros(offset + mark.time))}")
            }
            var names = FrameNames(catalog: catalog, trace: t) { ExportJSON.quote($0.name) }
            let timeline = try TraceTimeline(path: profile.path)
            for thread in timeline.threads {
                let tid = tids[thread] ?? UInt64(thread)
                var starts: [UInt64] = []
                // A stream ended by a pause (--signal) closes its frames there.
                let pause = profile.threads.first { $0.index == thread }?.record?.endTime
                timeline.walk(thread: thread, endTime: pause ?? profile.durationNs, window: profile.window?.window) { step in
                    switch step {
                    case let .open(_, time):
                        starts.append(time)
                    case let .close(code, time):
                        let start = starts.removeLast()
                        event("{\"ph\":\"X\",\"name\":\(names[code]),\"cat\":\"python\",\"pid\":\(pid),\"tid\":\(tid),\"ts\":\(ExportJSON.micros(offset + start)),\"dur\":\(ExportJSON.micros(time - start))}")
                    }
                }
            }
        }
        emit("]}")
    }
}
