#if canImport(Glibc)
import Glibc
#endif
import TraceAnalysis
import TraceRender

/// The closing line of `pyframe record`: where the trace is, what is in it,
/// and how to look at it.
enum TraceSummary {
    static func line(for path: String, peakRSSKiB: Int) -> String {
        let totals: TraceTotals
        do { totals = try TraceTotals(path: path) } catch { return "trace \(path) is unreadable: \(error)" }
        let events = totals.events
        var text = "wrote \(path): \(DisplayFormat.count(events)) events, \(DisplayFormat.bytes(totals.size))"
        if events > 0 {
            text += " (\(DisplayFormat.fixed(Double(totals.size) / Double(events), 2)) bytes/event)"
        }
        if let end = totals.end, end.eventsDropped > 0 {
            text += "; \(DisplayFormat.count(end.eventsDropped)) events not in the file: \(end.lossReason)"
        }
        if totals.end == nil {
            let pid = pid_t(truncatingIfNeeded: totals.pid ?? 0)
            if pid > 0 && kill(pid, 0) == 0 {
                text += "; still being written by process \(pid)"
            } else {
                text += "; incomplete (the program was killed before recording stopped)"
            }
        }
        // Each process's own peak, from its end record; the launcher's
        // figure (the largest of the command's processes) otherwise.
        let peak = totals.end.map { $0.peakRSSKiB > 0 ? Int($0.peakRSSKiB) : peakRSSKiB } ?? peakRSSKiB
        text += "; peak RSS \(DisplayFormat.bytes(peak * 1024))"
        return text + "; view: pyframe dump \(path)"
    }
}
