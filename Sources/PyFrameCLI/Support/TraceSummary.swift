#if canImport(Glibc)
import Glibc
#endif
import TraceFormat
import TraceRender

/// The closing line of `pyframe record`: where the trace is, what is in it,
/// and how to look at it.
enum TraceSummary {
    static func line(for path: String, peakRSSKiB: Int) -> String {
        let file: TraceFile
        do { file = try TraceFile(path: path) } catch { return "trace \(path) is unreadable: \(error)" }
        var events: UInt64 = 0
        var end: EndRecord?
        // A complete trace ends with its end record, which has the count;
        // only a cut-short one needs its chunks read.
        if let last = file.scan.chunks.last, file.scan.truncatedAt == nil,
           case let .end(e)? = try? file.decodeChunk(last, codec: ChunkCodec()) {
            end = e
            events = e.eventsWritten
        } else {
            try? file.forEachChunk { _, chunk in
                if case let .events(c) = chunk { events += UInt64(c.header.eventCount) }
            }
        }
        var text = "wrote \(path): \(DisplayFormat.count(events)) events, \(DisplayFormat.bytes(file.size))"
        if events > 0 {
            text += " (\(DisplayFormat.fixed(Double(file.size) / Double(events), 2)) bytes/event)"
        }
        if let end, end.eventsDropped > 0 {
            text += "; \(DisplayFormat.count(end.eventsDropped)) events not in the file: \(end.lossReason)"
        }
        if end == nil {
            var pid: pid_t = 0
            if let first = file.scan.chunks.first, case let .process(p)? = try? file.decodeChunk(first, codec: ChunkCodec()) {
                pid = pid_t(truncatingIfNeeded: p.pid)
            }
            if pid > 0 && kill(pid, 0) == 0 {
                text += "; still being written by process \(pid)"
            } else {
                text += "; incomplete (the program was killed before recording stopped)"
            }
        }
        // Each process's own peak, from its end record; the launcher's
        // figure (the largest of the command's processes) otherwise.
        let peak = end.map { $0.peakRSSKiB > 0 ? Int($0.peakRSSKiB) : peakRSSKiB } ?? peakRSSKiB
        text += "; peak RSS \(DisplayFormat.bytes(peak * 1024))"
        return text + "; view: pyframe dump \(path)"
    }
}
