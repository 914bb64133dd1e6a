import TraceFormat

/// A traced process as the header of a report describes it.
package struct ProcessSummary: Sendable {
    /// The trace file.
    package var path: String
    /// The trace file's size in bytes.
    package var traceBytes: Int
    /// The process record.
    package var process: ProcessRecord
    /// Recording length in ns.
    package var durationNs: UInt64
    /// Events decoded.
    package var events: UInt64
    /// Events known lost.
    package var droppedEvents: UInt64
    /// Whether the trace has its end record.
    package var complete: Bool
    /// Its threads.
    package var threads: [ThreadSummary]
    /// Problems found in the file.
    package var problems: [TraceProblem]
    /// Record-time filters and modes, as sentences (see ``TraceProfile/recordingLimits``).
    package var recordingLimits: [String]

    /// Summarises a profile.
    package init(_ profile: TraceProfile) {
        path = profile.path
        traceBytes = profile.size
        process = profile.process
        durationNs = profile.durationNs
        events = profile.events
        droppedEvents = profile.droppedEvents
        complete = profile.isComplete
        problems = profile.problems
        recordingLimits = profile.recordingLimits
        // One thread per program thread: a thread paused and resumed
        // (--signal) is one thread, recorded in several streams.
        threads = profile.programThreads.map { group in
            let streams = group.map { profile.threads[$0] }
            let duration = streams.reduce(UInt64(0)) { sum, s in
                let end = s.record?.endTime ?? s.endTime
                return sum + (end > s.firstTime ? end - s.firstTime : 0)
            }
            return ThreadSummary(pid: profile.process.pid, index: streams[0].index, name: streams[streams.count - 1].name,
                                 nativeId: streams[0].record?.nativeId ?? 0, events: streams.reduce(0) { $0 + $1.events },
                                 durationNs: duration, streams: streams.map(\.index))
        }
    }

    /// The Python version's first word (`3.11.7`).
    package var pythonVersion: String {
        String(process.pythonVersion.split(separator: " ").first ?? "")
    }
}
