import Foundation
import TraceFormat

/// What a test needs to know about a recorded trace, gathered with the one
/// decoder every analyzer uses.
struct TraceFacts {
    var process: ProcessRecord?

    /// The settings the process record holds (read as analyzers read them).
    var settings: RecordingSettings {
        get throws { try RecordingSettings(properties: process?.properties ?? [:]) }
    }
    var codes: [UInt32: CodeRecord] = [:]
    /// C functions (`--c-calls`) by id.
    var cFunctions: [UInt32: CFunctionRecord] = [:]
    /// Calls per C function, by cProfile's name (`<built-in method builtins.sorted>`).
    var cCalls: [String: Int] = [:]
    /// Calls per C function made directly from frames of the counted file.
    var cCallsFromFile: [String: Int] = [:]
    /// C frames left by an exception, by cProfile's name.
    var cUnwinds: [String: Int] = [:]
    /// An event used a C function id before its record came.
    var cFunctionUsedBeforeRecord = false
    var threadNames: [UInt32: String] = [:]
    var end: EndRecord?
    var marks: [Mark] = []
    var problems: [String] = []
    /// Calls and resumes per `qualname:firstline` for one file.
    var calls: [String: Int] = [:]
    var resumesByCode: [String: Int] = [:]
    /// Keys whose code object is a generator, coroutine or async generator.
    var generatorKeys: Set<String> = []

    /// What sys.setprofile reports as 'call' events per code: a frame's
    /// start for plain functions; for generators and coroutines each resume
    /// (the creation prologue, which pyframe records as their call, raises no
    /// profile event).
    var profileCalls: [String: Int] {
        var out: [String: Int] = [:]
        for key in Set(calls.keys).union(resumesByCode.keys) {
            out[key] = generatorKeys.contains(key) ? resumesByCode[key, default: 0] : calls[key, default: 0]
        }
        return out
    }
    var events = 0
    /// Per thread: depth after all events, and whether it ever went negative
    /// or time went backwards.
    var depth: [UInt32: Int] = [:]
    var nestingBroken = false
    /// Deepest nesting reached on any thread.
    var maxDepth = 0
    var timeWentBack = false
    var unwinds = 0
    var yields = 0
    var resumes = 0

    /// Reads `path`, counting entries of code objects from `file`.
    init(path: String, countingFile file: String) throws {
        let trace = try TraceFile(path: path)
        problems = trace.scan.problems
        let wanted = URL(fileURLWithPath: file).resolvingSymlinksInPath().path
        var lastTime: [UInt32: UInt64] = [:]
        var pendingEvents: [EventChunk] = []
        try trace.forEachChunk(problem: { problems.append("\($0)") }) { _, chunk in
            switch chunk {
            case let .process(p): process = p
            case let .codes(list): for c in list { codes[c.id] = c }
            case let .functions(list): for f in list { cFunctions[f.id] = f }
            case let .threads(list): for t in list { threadNames[t.index] = t.name }
            case let .events(e): pendingEvents.append(e)
            case let .end(e): end = e
            case let .marks(list): marks += list
            case .unknown, .loss: break
            }
        }
        // Which codes belong to the file, worked out once per code.
        var keys: [UInt32: String?] = [:]
        func keyFor(_ id: UInt32) -> String? {
            if let known = keys[id] { return known }
            var key: String?
            if let c = codes[id], URL(fileURLWithPath: c.filename).resolvingSymlinksInPath().path == wanted {
                key = "\(c.qualname):\(c.firstLine)"
            }
            keys[id] = key
            return key
        }
        for chunk in pendingEvents {
            let thread = chunk.header.thread
            // A thread's first chunk in the file may start inside frames
            // (ring mode drops older chunks); later ones must continue it.
            var d = depth[thread] ?? chunk.header.openFrames.count
            var open = chunk.header.openFrames
            guard d == chunk.header.openFrames.count else {
                nestingBroken = true
                continue
            }
            try chunk.forEach { e in
                events += 1
                if e.time < lastTime[thread, default: 0] { timeWentBack = true }
                lastTime[thread] = e.time
                switch e.kind {
                case .call, .resume:
                    d += 1
                    open.append(e.code)
                    if e.kind == .call, let f = cFunctions[e.code] {
                        cCalls[f.profileName, default: 0] += 1
                        if open.count >= 2, keyFor(open[open.count - 2]) != nil {
                            cCallsFromFile[f.profileName, default: 0] += 1
                        }
                    }
                    if codes[e.code] == nil && cFunctions[e.code] == nil { cFunctionUsedBeforeRecord = true }
                    maxDepth = max(maxDepth, d)
                    if e.kind == .resume { resumes += 1 }
                    if let key = keyFor(e.code) {
                        if e.kind == .call { calls[key, default: 0] += 1 } else { resumesByCode[key, default: 0] += 1 }
                        // CO_GENERATOR | CO_COROUTINE | CO_ITERABLE_COROUTINE | CO_ASYNC_GENERATOR
                        if codes[e.code]!.flags & 0x3A0 != 0 { generatorKeys.insert(key) }
                    }
                case .return, .yield, .unwind:
                    d -= 1
                    if d < 0 { nestingBroken = true }
                    if let code = open.popLast(), e.kind == .unwind, let f = cFunctions[code] {
                        cUnwinds[f.profileName, default: 0] += 1
                    }
                    if e.kind == .unwind { unwinds += 1 }
                    if e.kind == .yield { yields += 1 }
                }
            }
            depth[thread] = d
        }
    }
}
