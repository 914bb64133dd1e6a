import TraceAnalysis

/// One recorded process: its trace, command, Python, counts, problems and threads.
struct ProcessJSON: Encodable {
    var trace: String
    var traceBytes: Int
    var pid: UInt64
    var ppid: UInt64
    var argv: [String]
    var cwd: String
    var executable: String
    var python: String
    var pythonVersion: String
    var startWallNs: UInt64
    var durationNs: UInt64
    var events: UInt64
    var droppedEvents: UInt64
    var complete: Bool
    var problems: [String]
    var threads: [ThreadJSON]
    var properties: [String: String]
    var recordingLimits: [String]

    enum CodingKeys: String, CodingKey {
        case trace, pid, ppid, argv, cwd, executable, python, events, complete, problems, threads, properties
        case recordingLimits = "recording_limits"
        case traceBytes = "trace_bytes"
        case pythonVersion = "python_version"
        case startWallNs = "start_wall_ns"
        case durationNs = "duration_ns"
        case droppedEvents = "dropped_events"
    }

    init(_ p: ProcessSummary) {
        trace = p.path
        traceBytes = p.traceBytes
        pid = p.process.pid
        ppid = p.process.parentPid
        argv = p.process.argv
        cwd = p.process.cwd
        executable = p.process.executable
        python = p.pythonVersion
        pythonVersion = p.process.pythonVersion
        startWallNs = p.process.startWallNs
        durationNs = p.durationNs
        events = p.events
        droppedEvents = p.droppedEvents
        complete = p.complete
        problems = p.problems.map(ProblemText.sentence)
        threads = p.threads.map { ThreadJSON($0) }
        properties = p.process.properties
        recordingLimits = p.recordingLimits
    }
}
