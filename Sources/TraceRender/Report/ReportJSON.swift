import TraceAnalysis

/// The JSON shapes of `pyframe report --format json` (snake_case keys).
/// Hashes are hexadecimal strings: 64-bit integers do not survive
/// JavaScript's number type.
enum ReportJSON {
    struct Document: Encodable {
        /// ``JSONSchema/version``.
        var schema = JSONSchema.version
        var header: Header
        var marks: [MarkEntry] = []
        var totalSelfNs: UInt64?
        var functions: [Row]?
        var threads: [Thread]?

        enum CodingKeys: String, CodingKey {
            case schema, header, marks, functions, threads
            case totalSelfNs = "total_self_ns"
        }
    }

    /// A mark: `time_ns` counts from its process's origin, like event times.
    struct MarkEntry: Encodable {
        var pid: UInt64
        var thread: UInt32
        var threadName: String
        var timeNs: UInt64
        var label: String

        enum CodingKeys: String, CodingKey {
            case pid, thread, label
            case threadName = "thread_name"
            case timeNs = "time_ns"
        }

        init(_ m: MarkSummary) {
            pid = m.pid
            thread = m.thread
            threadName = m.threadName
            timeNs = m.timeNs
            label = m.label
        }
    }

    struct Header: Encodable {
        var processes: [Process]
        var durationNs: UInt64
        var threads: Int
        var events: UInt64
        var droppedEvents: UInt64
        var traceBytes: Int
        var complete: Bool
        var losses: [String]

        enum CodingKeys: String, CodingKey {
            case processes, threads, events, complete, losses
            case durationNs = "duration_ns"
            case droppedEvents = "dropped_events"
            case traceBytes = "trace_bytes"
        }

        init(_ h: ReportHeader) {
            processes = h.processes.map(Process.init)
            durationNs = h.durationNs
            threads = h.threadCount
            events = h.events
            droppedEvents = h.droppedEvents
            traceBytes = h.traceBytes
            complete = h.complete
            losses = ProblemText.losses(h)
        }
    }

    struct Process: Encodable {
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
        var threads: [ThreadInfo]
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
            threads = p.threads.map(ThreadInfo.init)
            properties = p.process.properties
            recordingLimits = p.recordingLimits
        }
    }

    struct ThreadInfo: Encodable {
        var pid: UInt64
        var index: UInt32
        var name: String
        var nativeId: UInt64
        var events: UInt64
        var durationNs: UInt64
        /// The trace's stream indices of this thread (several when recording paused and resumed).
        var streams: [UInt32]

        enum CodingKeys: String, CodingKey {
            case pid, index, name, events, streams
            case nativeId = "native_id"
            case durationNs = "duration_ns"
        }

        init(_ t: ThreadSummary) {
            pid = t.pid
            index = t.index
            name = t.name
            nativeId = t.nativeId
            events = t.events
            durationNs = t.durationNs
            streams = t.streams
        }
    }

    struct Thread: Encodable {
        var thread: ThreadInfo
        var totalSelfNs: UInt64
        var functions: [Row]

        enum CodingKeys: String, CodingKey {
            case thread, functions
            case totalSelfNs = "total_self_ns"
        }
    }

    struct Row: Encodable {
        var file: String
        var path: String
        var line: UInt32
        var qualname: String
        var name: String
        var version: Int
        var codeHash: String
        var calls: UInt64
        var primitiveCalls: UInt64
        var resumes: UInt64
        var totalNs: UInt64
        var selfNs: UInt64
        /// Nil (JSON null) without calls.
        var selfPerCallNs: UInt64?
        /// Nil (JSON null) without primitive calls.
        var totalPerPrimitiveCallNs: UInt64?
        var maxNs: UInt64
        var totalShare: Double
        var selfShare: Double

        enum CodingKeys: String, CodingKey {
            case file, path, line, qualname, name, version, calls, resumes
            case primitiveCalls = "primitive_calls"
            case codeHash = "code_hash"
            case totalNs = "total_ns"
            case selfNs = "self_ns"
            case selfPerCallNs = "self_per_call_ns"
            case totalPerPrimitiveCallNs = "total_per_primitive_call_ns"
            case maxNs = "max_ns"
            case totalShare = "total_share"
            case selfShare = "self_share"
        }

        /// Every key always present (null where a per-call value has no calls), for scripts.
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(file, forKey: .file)
            try c.encode(path, forKey: .path)
            try c.encode(line, forKey: .line)
            try c.encode(qualname, forKey: .qualname)
            try c.encode(name, forKey: .name)
            try c.encode(version, forKey: .version)
            try c.encode(codeHash, forKey: .codeHash)
            try c.encode(calls, forKey: .calls)
            try c.encode(primitiveCalls, forKey: .primitiveCalls)
            try c.encode(resumes, forKey: .resumes)
            try c.encode(totalNs, forKey: .totalNs)
            try c.encode(selfNs, forKey: .selfNs)
            try c.encode(selfPerCallNs, forKey: .selfPerCallNs)
            try c.encode(totalPerPrimitiveCallNs, forKey: .totalPerPrimitiveCallNs)
            try c.encode(maxNs, forKey: .maxNs)
            try c.encode(totalShare, forKey: .totalShare)
            try c.encode(selfShare, forKey: .selfShare)
        }

        init(_ r: ReportRow, table: ReportTable) {
            file = r.function.identity.file
            path = r.function.rawPath
            line = r.function.identity.line
            qualname = r.function.identity.qualname
            name = r.function.name
            version = r.function.version
            codeHash = DisplayFormat.hash(r.function.hash)
            calls = r.stats.calls
            primitiveCalls = r.stats.primitiveCalls
            resumes = r.stats.resumes
            totalNs = r.stats.totalNs
            selfNs = r.stats.selfNs
            selfPerCallNs = r.stats.selfPerCallNs
            totalPerPrimitiveCallNs = r.stats.totalPerPrimitiveCallNs
            maxNs = r.stats.maxNs
            totalShare = table.share(r.stats.totalNs)
            selfShare = table.share(r.stats.selfNs)
        }
    }
}
