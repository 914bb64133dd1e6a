/// What a report says above its tables: which processes, how long, how many
/// events, and everything that was lost or damaged, in plain words.
package struct ReportHeader: Sendable {
    /// The processes (trace files) merged into the report.
    package var processes: [ProcessSummary]

    /// The longest recording, ns.
    package var durationNs: UInt64 { processes.map(\.durationNs).max() ?? 0 }
    /// Threads over all processes.
    package var threadCount: Int { processes.reduce(0) { $0 + $1.threads.count } }
    /// Events over all processes.
    package var events: UInt64 { processes.reduce(0) { $0 + $1.events } }
    /// Events lost over all processes.
    package var droppedEvents: UInt64 { processes.reduce(0) { $0 + $1.droppedEvents } }
    /// Bytes of trace read.
    package var traceBytes: Int { processes.reduce(0) { $0 + $1.traceBytes } }
    /// True when every trace has its end record.
    package var complete: Bool { processes.allSatisfy(\.complete) }

    /// What was left out at record time, one sentence each. With several
    /// traces each sentence says which traces it is true of — every trace,
    /// or the pids it names — so one trace's filter never reads as if it
    /// applied to all; traces recorded without filters are named too.
    package var recordingLimits: [String] {
        guard processes.count > 1 else { return processes.first?.recordingLimits ?? [] }
        let first = processes[0].recordingLimits
        if processes.allSatisfy({ $0.recordingLimits == first }) {
            return first.map { "in every trace: " + $0 }
        }
        var out: [String] = []
        for p in processes {
            let limits = p.recordingLimits.isEmpty ? ["every frame (no record-time filters)"] : p.recordingLimits
            out += limits.map { "pid \(p.process.pid): " + $0 }
        }
        return out
    }
}
