/// The kinds of event a thread's stream holds.
///
/// Entries (`call`, `resume`) carry a code id; exits pop the frame the
/// matching entry pushed, so their code is known from the stack.
public enum EventKind: UInt8, Sendable, CaseIterable {
    /// A frame starts at its first instruction: a function, module, class
    /// body, lambda or comprehension called, or a generator's creation prologue.
    case call = 0
    /// A generator, coroutine or async generator frame resumes after a suspension.
    case resume = 1
    /// The frame returned a value.
    case `return` = 2
    /// The frame suspended at a yield or await; it may resume later.
    case yield = 3
    /// The frame was left by an exception propagating out of it.
    case unwind = 4

    /// True for the two kinds that push a frame.
    @inlinable public var isEntry: Bool { rawValue <= 1 }

    /// The name `pyframe dump` prints.
    public var name: String {
        switch self {
        case .call: "call"
        case .resume: "resume"
        case .return: "return"
        case .yield: "yield"
        case .unwind: "unwind"
        }
    }
}

/// One decoded event of a thread.
public struct TraceEvent: Equatable, Sendable {
    /// What happened.
    public var kind: EventKind
    /// The code object entered or left (see ``CodeRecord``).
    public var code: UInt32
    /// Nanoseconds since the recording's origin (``ProcessRecord/originMonotonicNs``).
    public var time: UInt64

    /// Creates an event.
    public init(kind: EventKind, code: UInt32, time: UInt64) {
        self.kind = kind
        self.code = code
        self.time = time
    }
}

/// Once per trace: the process that was recorded.
public struct ProcessRecord: Equatable, Sendable {
    public var pid: UInt64
    public var parentPid: UInt64
    /// `sys.version`.
    public var pythonVersion: String
    /// `sys.executable`.
    public var executable: String
    /// The full command line (`sys.orig_argv`).
    public var argv: [String]
    /// Working directory at start; analyzers shorten paths relative to it.
    public var cwd: String
    /// Wall-clock start, nanoseconds since the Unix epoch.
    public var startWallNs: UInt64
    /// CLOCK_MONOTONIC at the origin; event times count from here.
    public var originMonotonicNs: UInt64
    /// How timestamps were taken (e.g. the calibrated TSC rate).
    public var clock: String
    /// Recorder settings and facts, as key/value pairs (e.g. `recorder`, `ring`).
    public var properties: [String: String]

    /// Creates a process record.
    public init(pid: UInt64, parentPid: UInt64, pythonVersion: String, executable: String,
                argv: [String], cwd: String, startWallNs: UInt64, originMonotonicNs: UInt64,
                clock: String, properties: [String: String] = [:]) {
        self.pid = pid
        self.parentPid = parentPid
        self.pythonVersion = pythonVersion
        self.executable = executable
        self.argv = argv
        self.cwd = cwd
        self.startWallNs = startWallNs
        self.originMonotonicNs = originMonotonicNs
        self.clock = clock
        self.properties = properties
    }
}

/// Once per code object: what it is, and its bytecode for offline disassembly.
///
/// Two records with the same file, qualified name and first line but different
/// ``hash`` are two versions of one function (the code was patched).
public struct CodeRecord: Equatable, Sendable {
    /// The id events use; unique within one trace, never 0.
    public var id: UInt32
    /// Stable hash of bytecode, constants and names (FNV-1a 64).
    public var hash: UInt64
    public var filename: String
    public var qualname: String
    public var name: String
    public var firstLine: UInt32
    /// `co_flags` (CO_GENERATOR, CO_COROUTINE …).
    public var flags: UInt32
    public var argCount: UInt32
    public var posOnlyArgCount: UInt32
    public var kwOnlyArgCount: UInt32
    public var varnames: [String]
    public var cellvars: [String]
    public var freevars: [String]
    public var names: [String]
    /// Short bounded reprs of `co_consts`.
    public var consts: [String]
    /// `co_code`: the un-specialised bytecode.
    public var bytecode: [UInt8]
    /// `co_linetable`: CPython 3.11's location table, to map offsets to lines.
    public var lineTable: [UInt8]
    /// `co_exceptiontable`, where exception handlers start; nil in traces
    /// that predate it.
    public var exceptionTable: [UInt8]?

    /// Creates a code record.
    public init(id: UInt32, hash: UInt64, filename: String, qualname: String, name: String,
                firstLine: UInt32, flags: UInt32 = 0, argCount: UInt32 = 0,
                posOnlyArgCount: UInt32 = 0, kwOnlyArgCount: UInt32 = 0,
                varnames: [String] = [], cellvars: [String] = [], freevars: [String] = [],
                names: [String] = [], consts: [String] = [], bytecode: [UInt8] = [],
                lineTable: [UInt8] = [], exceptionTable: [UInt8]? = nil) {
        self.id = id
        self.hash = hash
        self.filename = filename
        self.qualname = qualname
        self.name = name
        self.firstLine = firstLine
        self.flags = flags
        self.argCount = argCount
        self.posOnlyArgCount = posOnlyArgCount
        self.kwOnlyArgCount = kwOnlyArgCount
        self.varnames = varnames
        self.cellvars = cellvars
        self.freevars = freevars
        self.names = names
        self.consts = consts
        self.bytecode = bytecode
        self.lineTable = lineTable
        self.exceptionTable = exceptionTable
    }
}

/// Once per thread (again when it is renamed): which OS thread an index means.
public struct ThreadRecord: Equatable, Sendable {
    /// The dense index event chunks use.
    public var index: UInt32
    /// The kernel's thread id (gettid).
    public var nativeId: UInt64
    /// Python's `threading.get_ident()`.
    public var ident: UInt64
    /// The Python thread's name, or empty when not known.
    public var name: String
    /// When recording of this stream stopped while the thread went on
    /// (recording paused by SIGUSR2), ns since origin: frames still open in
    /// the stream end there, not at the end of the trace. Nil otherwise.
    public var endTime: UInt64?

    /// Creates a thread record.
    public init(index: UInt32, nativeId: UInt64, ident: UInt64, name: String, endTime: UInt64? = nil) {
        self.index = index
        self.nativeId = nativeId
        self.ident = ident
        self.name = name
        self.endTime = endTime
    }
}

/// Written once when recording stops cleanly; a trace without it was cut short.
public struct EndRecord: Equatable, Sendable {
    /// Nanoseconds since the origin when recording stopped.
    public var endTime: UInt64
    /// Events written to the file.
    public var eventsWritten: UInt64
    /// Events recorded but not in the file (ring mode, or writes that failed).
    public var eventsDropped: UInt64
    /// Exits of frames entered before recording started (not written).
    public var unmatchedExits: UInt64
    /// Why events were dropped, when any were; empty otherwise.
    public var lossReason: String
    /// Times a Python thread found its ring full and waited for the writer
    /// (a diagnostic of recording overhead; 0 in traces that predate it).
    public var stalls: UInt64
    /// The recorded process's peak resident memory when recording stopped,
    /// in KiB (0 in traces that predate it).
    public var peakRSSKiB: UInt64

    /// Creates an end record.
    public init(endTime: UInt64, eventsWritten: UInt64, eventsDropped: UInt64 = 0,
                unmatchedExits: UInt64 = 0, lossReason: String = "", stalls: UInt64 = 0,
                peakRSSKiB: UInt64 = 0) {
        self.endTime = endTime
        self.eventsWritten = eventsWritten
        self.eventsDropped = eventsDropped
        self.unmatchedExits = unmatchedExits
        self.lossReason = lossReason
        self.stalls = stalls
        self.peakRSSKiB = peakRSSKiB
    }
}
