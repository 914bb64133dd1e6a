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
///
/// One line per frame makes this exporter I/O: lines are formatted straight
/// into one large ``ExportBuffer`` from pre-quoted names and pre-rendered
/// line parts, never through a `String` per line.
package enum ChromeTraceExporter {
    /// Writes the document for `profiles` (analysed traces, whose files are
    /// read again for their events) as lines to `emit`.
    ///
    /// - Throws: ``TraceError`` if a trace can no longer be opened.
    package static func write(_ profiles: [TraceProfile], to emit: (String) -> Void) throws(TraceError) {
        // Blocks end at a line's end; `emit` adds that newline back.
        try write(profiles, bytes: { emit(String(decoding: $0.dropLast(), as: UTF8.self)) })
    }

    /// Writes the document for `profiles` to `bytes`, in blocks of whole
    /// lines (each ending in a newline).
    ///
    /// - Throws: ``TraceError`` if a trace can no longer be opened.
    package static func write(_ profiles: [TraceProfile],
                             bytes sink: (UnsafeRawBufferPointer) -> Void) throws(TraceError) {
        try withoutActuallyEscaping(sink) { (sink) throws(TraceError) in
            var out = ExportBuffer(sink: sink)
            defer { out.finish() }
            try write(profiles, into: &out)
        }
    }

    private static func write(_ profiles: [TraceProfile], into out: inout ExportBuffer) throws(TraceError) {
        let catalog = FunctionCatalog(profiles: profiles)
        let origin = profiles.map(\.process.startWallNs).min() ?? 0
        var usedPids: Set<UInt64> = []
        var first = true
        func event(_ text: String) {
            out.append(first ? text : "," + text)
            out.append(10)
            first = false
        }
        out.append("{\"displayTimeUnit\":\"ns\",\"traceEvents\":[\n")
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
            var names = QuotedNames(catalog: catalog, trace: t)
            let timeline = try TraceTimeline(profile: profile)
            for thread in timeline.threads {
                let tid = tids[thread] ?? UInt64(thread)
                let head = Array("{\"ph\":\"X\",\"name\":".utf8)
                let middle = Array(",\"cat\":\"python\",\"pid\":\(pid),\"tid\":\(tid),\"ts\":".utf8)
                let dur = Array(",\"dur\":".utf8)
                var starts: [UInt64] = []
                // A stream ended by a pause (--signal) closes its frames there.
                let pause = profile.threads.first { $0.index == thread }?.record?.endTime
                timeline.walk(thread: thread, endTime: pause ?? profile.durationNs, window: profile.window?.window) { step in
                    switch step {
                    case let .open(_, time):
                        starts.append(time)
                    case let .close(code, time):
                        let start = starts.removeLast()
                        let name = names[code]
                        // Two 20-digit numbers and the fixed parts fit in 128 bytes.
                        out.reserve(name.count + middle.count + 128)
                        if !first { out.append(0x2C) }  // ","
                        first = false
                        out.append(head)
                        out.append(name)
                        out.append(middle)
                        out.append(micros: offset + start)
                        out.append(dur)
                        out.append(micros: time - start)
                        out.append(0x7D)  // "}"
                        out.append(10)
                    }
                }
            }
        }
        out.append("]}\n")
    }
}

/// JSON-quoted display names of one trace's code ids, made on first use and
/// then found by indexing, not hashing (one lookup per exported frame).
struct QuotedNames {
    private var byCode: [[UInt8]] = []
    private let catalog: FunctionCatalog
    private let trace: Int

    init(catalog: FunctionCatalog, trace: Int) {
        self.catalog = catalog
        self.trace = trace
    }

    /// Ids kept in the table; the recorder numbers code objects densely from
    /// 1, so only a damaged id is larger (it is then quoted each time).
    static let denseLimit = 1 << 20

    /// The quoted name of `code`.
    subscript(code: UInt32) -> [UInt8] {
        mutating get {
            let i = Int(code)
            if i < byCode.count, !byCode[i].isEmpty { return byCode[i] }
            let name = Array(ExportJSON.quote(catalog.functions[catalog.function(trace: trace, code: code)].name).utf8)
            guard i < Self.denseLimit else { return name }
            if i >= byCode.count { byCode += Array(repeating: [], count: i + 1 - byCode.count) }
            byCode[i] = name
            return name
        }
    }
}
