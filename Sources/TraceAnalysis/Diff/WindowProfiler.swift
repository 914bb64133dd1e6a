import TraceFormat

/// Measures functions inside windows of one trace's time, in one pass over
/// its events in file order (each thread's chunks come in sequence).
///
/// The parallel analyzer sums whole-run tables and cannot cut them at an
/// instant, nor keep the spread of single activations; this pass does both,
/// for `pyframe diff --split-at`, `--before-window` and `--versions`.
public enum WindowProfiler {
    /// Measures `windows` of the trace at `path`.
    public static func profile(path: String, windows: [TimeWindow]) throws -> WindowedStats {
        let file = try TraceFile(path: path)
        var counter = Counter(windows: windows)
        var states: [UInt32: ThreadState] = [:]
        var threadEnds: [UInt32: UInt64] = [:]
        var end: UInt64?
        try file.forEachChunk { _, chunk in
            switch chunk {
            case let .events(events):
                let h = events.header
                var state = states[h.thread] ?? ThreadState()
                if state.expected != h.sequence || state.stack.isEmpty && !h.openFrames.isEmpty {
                    if let expected = state.expected, h.sequence < expected { return }  // a repeated chunk
                    // A gap (or a recording that starts mid-stack): close what was
                    // open, then reopen the chunk's open frames, their starts unknown.
                    state.closeAll(at: state.last, counter: &counter)
                    state.last = h.baseTime
                    for code in h.openFrames { state.push(code, at: h.baseTime, known: false, kind: nil, counter: &counter) }
                }
                state.expected = h.sequence + 1
                // Damage is already among the profile's problems; the events
                // before it count, and the next chunk reopens from its header.
                do { try events.forEach { e in state.handle(e, counter: &counter) } } catch { state.expected = nil }
                states[h.thread] = state
            case let .threads(list):
                for t in list { if let e = t.endTime { threadEnds[t.index] = e } }
            case let .end(e): end = e.endTime
            default: break
            }
        }
        var last: UInt64 = 0
        for (index, var state) in states {
            let stop = max(threadEnds[index] ?? end ?? state.last, state.last)
            state.advance(to: stop, counter: &counter)
            state.closeAll(at: stop, counter: &counter)
            last = max(last, stop)
        }
        let recordingEnd = max(end ?? last, last)
        return WindowedStats(
            functions: counter.functions.map { table in
                Dictionary(uniqueKeysWithValues: table.enumerated().filter { !$0.element.isEmpty }.map { (UInt32($0.offset), $0.element) })
            },
            activations: counter.moments.map { table in
                Dictionary(uniqueKeysWithValues: table.enumerated().filter { $0.element.count > 0 }.map { (UInt32($0.offset), $0.element) })
            },
            pythonNs: counter.pythonNs,
            durations: windows.map { $0.overlap(0, recordingEnd) })
    }

    /// The sums per window, indexed by code id.
    struct Counter {
        let windows: [TimeWindow]
        var functions: [[FunctionStats]]
        var moments: [[Moments]]
        var pythonNs: [UInt64]

        init(windows: [TimeWindow]) {
            self.windows = windows
            functions = windows.map { _ in [] }
            moments = windows.map { _ in [] }
            pythonNs = windows.map { _ in 0 }
        }

        mutating func update(_ w: Int, _ code: UInt32, _ body: (inout FunctionStats) -> Void) {
            let i = Int(code)
            if functions[w].count <= i { functions[w] += [FunctionStats](repeating: FunctionStats(), count: i + 1 - functions[w].count) }
            body(&functions[w][i])
        }

        mutating func sample(_ w: Int, _ code: UInt32, _ ns: UInt64) {
            let i = Int(code)
            if moments[w].count <= i { moments[w] += [Moments](repeating: Moments(), count: i + 1 - moments[w].count) }
            moments[w][i].add(Double(ns))
        }
    }

    /// One thread's open frames.
    struct ThreadState {
        struct Frame {
            var code: UInt32
            var start: UInt64
            /// Whether this frame began an outermost activation of its function.
            var outermost: Bool
            /// False for frames found open at a gap, whose start is unknown.
            var known: Bool
        }
        var stack: [Frame] = []
        var active: [Int32] = []
        var last: UInt64 = 0
        var expected: UInt64?

        mutating func handle(_ e: TraceEvent, counter: inout Counter) {
            advance(to: e.time, counter: &counter)
            if e.kind.isEntry {
                push(e.code, at: e.time, known: true, kind: e.kind, counter: &counter)
            } else if !stack.isEmpty {
                pop(at: e.time, counter: &counter)
            }
        }

        /// Gives the time since the last event to the innermost frame's self time.
        mutating func advance(to time: UInt64, counter: inout Counter) {
            if time > last, let top = stack.last {
                for (w, window) in counter.windows.enumerated() {
                    let ns = window.overlap(last, time)
                    if ns > 0 {
                        counter.update(w, top.code) { $0.selfNs &+= ns }
                        counter.pythonNs[w] &+= ns
                    }
                }
            }
            last = max(last, time)
        }

        mutating func push(_ code: UInt32, at time: UInt64, known: Bool, kind: EventKind?, counter: inout Counter) {
            let i = Int(code)
            if active.count <= i { active += [Int32](repeating: 0, count: i + 1 - active.count) }
            let outermost = active[i] == 0
            active[i] += 1
            stack.append(Frame(code: code, start: time, outermost: outermost, known: known))
            guard let kind else { return }
            for (w, window) in counter.windows.enumerated() where window.contains(time) {
                counter.update(w, code) { s in
                    if kind == .call { s.calls &+= 1 } else { s.resumes &+= 1 }
                    if outermost { s.primitiveCalls &+= 1 }
                }
            }
        }

        mutating func pop(at time: UInt64, counter: inout Counter) {
            let f = stack.removeLast()
            active[Int(f.code)] -= 1
            guard f.outermost else { return }
            for (w, window) in counter.windows.enumerated() {
                let ns = window.overlap(f.start, time)
                if ns > 0 {
                    counter.update(w, f.code) { s in
                        s.totalNs &+= ns
                        s.maxNs = max(s.maxNs, ns)
                    }
                }
                if f.known && window.contains(f.start) && (window.contains(time) || time == window.end) {
                    counter.sample(w, f.code, time - f.start)
                }
            }
        }

        /// Ends every open frame at `time` (the end of the trace, or a gap).
        mutating func closeAll(at time: UInt64, counter: inout Counter) {
            while !stack.isEmpty {
                stack[stack.count - 1].known = false
                pop(at: time, counter: &counter)
            }
        }
    }
}
