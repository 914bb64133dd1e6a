import TraceFormat

/// The one pass that cuts a trace's time into windows: every command's
/// `--window`, `pyframe diff --split-at`/`--before-window` and the HTML
/// page's mark-to-mark tables measure through it.
///
/// It reads events in file order (each thread's chunks come in sequence),
/// because the parallel analyzer sums whole-run tables and cannot cut an
/// activation at an instant. In each window, per thread: a call or resume
/// counts where it starts; self time where it is spent; inclusive time is
/// each outermost activation's span cut to the window, so a frame cut at a
/// window's edge counts for the part inside. Call-tree nodes are made only
/// for stacks that ran inside a window.
struct WindowPass {
    /// What one window measured.
    struct Tables {
        /// Per thread index: per-function statistics and (with stacks) the call tree.
        var threads: [UInt32: ThreadAccumulator] = [:]
        /// Code id → inclusive time of each outermost activation that started
        /// and ended inside the window (all threads).
        var moments: [Moments] = []
        /// Self time of all frames, ns.
        var pythonNs: UInt64 = 0
    }

    let windows: [TimeWindow]
    let stacks: Bool
    private(set) var tables: [Tables]

    /// Measures `windows` of the trace at `path`, with call trees when `stacks`.
    static func run(path: String, windows: [TimeWindow], stacks: Bool) throws -> (tables: [Tables], end: UInt64) {
        let file = try TraceFile(path: path)
        var pass = WindowPass(windows: windows, stacks: stacks, tables: windows.map { _ in Tables() })
        var states: [UInt32: ThreadState] = [:]
        var threadEnds: [UInt32: UInt64] = [:]
        var end: UInt64?
        try file.forEachChunk { _, chunk in
            switch chunk {
            case let .events(events):
                let h = events.header
                var state = states[h.thread] ?? ThreadState(thread: h.thread, windows: windows.count)
                if state.expected != h.sequence || state.stack.isEmpty && !h.openFrames.isEmpty {
                    if let expected = state.expected, h.sequence < expected { return }  // a repeated chunk
                    // A gap (or a recording that starts mid-stack): close what was
                    // open, then reopen the chunk's open frames, their starts unknown.
                    state.closeAll(at: state.last, pass: &pass)
                    state.last = h.baseTime
                    for code in h.openFrames { state.push(code, at: h.baseTime, known: false, kind: nil, pass: &pass) }
                }
                state.expected = h.sequence + 1
                // Damage is already among the profile's problems; the events
                // before it count, and the next chunk reopens from its header.
                do { try events.forEach { e in state.handle(e, pass: &pass) } } catch { state.expected = nil }
                states[h.thread] = state
            case let .threads(list):
                for t in list { if let e = t.endTime { threadEnds[t.index] = e } }
            case let .end(e): end = e.endTime
            default: break
            }
        }
        var last: UInt64 = 0
        for index in states.keys.sorted() {
            var state = states[index]!
            let stop = max(threadEnds[index] ?? end ?? state.last, state.last)
            state.advance(to: stop, pass: &pass)
            state.closeAll(at: stop, pass: &pass)
            last = max(last, stop)
        }
        return (pass.tables, max(end ?? last, last))
    }

    /// The tables of `thread` in window `w`, created on first use.
    mutating func accumulator(_ w: Int, _ thread: UInt32) -> ThreadAccumulator {
        if let existing = tables[w].threads[thread] { return existing }
        let created = ThreadAccumulator(stackLimit: stacks ? CallTree.defaultLimit : nil)
        tables[w].threads[thread] = created
        return created
    }

    mutating func sample(_ w: Int, _ code: UInt32, _ ns: UInt64) {
        let i = Int(code)
        if tables[w].moments.count <= i {
            tables[w].moments += [Moments](repeating: Moments(), count: i + 1 - tables[w].moments.count)
        }
        tables[w].moments[i].add(Double(ns))
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
        let thread: UInt32
        let windowCount: Int
        var stack: [Frame] = []
        /// Per frame and window (`depth * windowCount + w`), the frame's call-tree
        /// node in that window's tree; -1 until a stack through it ran inside the window.
        var nodes: [Int32] = []
        var active: [Int32] = []
        var last: UInt64 = 0
        var expected: UInt64?
        /// This thread's tables in each window, once made (saves a lookup per event).
        var tables: [ThreadAccumulator?]

        init(thread: UInt32, windows: Int) {
            self.thread = thread
            windowCount = windows
            tables = [ThreadAccumulator?](repeating: nil, count: windows)
        }

        /// This thread's tables in window `w`.
        @inline(__always)
        mutating func accumulator(_ w: Int, _ pass: inout WindowPass) -> ThreadAccumulator {
            if let made = tables[w] { return made }
            let made = pass.accumulator(w, thread)
            tables[w] = made
            return made
        }

        mutating func handle(_ e: TraceEvent, pass: inout WindowPass) {
            advance(to: e.time, pass: &pass)
            if e.kind.isEntry {
                push(e.code, at: e.time, known: true, kind: e.kind, pass: &pass)
            } else if !stack.isEmpty {
                pop(at: e.time, pass: &pass)
            }
        }

        /// The call-tree node of the frame at `depth` in window `w`'s `tree`,
        /// made (with its callers') when missing.
        mutating func node(_ depth: Int, _ w: Int, _ tree: CallTree) -> Int32 {
            var d = depth
            while d >= 0 && nodes[d * windowCount + w] < 0 { d -= 1 }
            var node = d >= 0 ? nodes[d * windowCount + w] : CallTree.root
            while d < depth {
                d += 1
                node = tree.storage.child(of: node, code: stack[d].code)
                nodes[d * windowCount + w] = node
            }
            return node
        }

        /// Gives the time since the last event to the innermost frame's self time.
        mutating func advance(to time: UInt64, pass: inout WindowPass) {
            if time > last, let top = stack.last {
                for (w, window) in pass.windows.enumerated() {
                    let ns = window.overlap(last, time)
                    guard ns > 0 else { continue }
                    let acc = accumulator(w, &pass)
                    acc.stats.update(top.code) { $0.selfNs &+= ns }
                    if let tree = acc.tree { tree.addSelf(node(stack.count - 1, w, tree), ns) }
                    pass.tables[w].pythonNs &+= ns
                }
            }
            last = max(last, time)
        }

        mutating func push(_ code: UInt32, at time: UInt64, known: Bool, kind: EventKind?, pass: inout WindowPass) {
            let i = Int(code)
            if active.count <= i { active += [Int32](repeating: 0, count: i + 1 - active.count) }
            let outermost = active[i] == 0
            active[i] += 1
            stack.append(Frame(code: code, start: time, outermost: outermost, known: known))
            nodes += repeatElement(-1, count: windowCount)
            guard let kind else { return }
            for (w, window) in pass.windows.enumerated() where window.contains(time) {
                let acc = accumulator(w, &pass)
                acc.stats.update(code) { s in
                    if kind == .call { s.calls &+= 1 } else { s.resumes &+= 1 }
                    if outermost { s.primitiveCalls &+= 1 }
                }
                if let tree = acc.tree {
                    let n = node(stack.count - 1, w, tree)
                    if kind == .call { tree.storage.countCall(n) } else { tree.storage.countResume(n) }
                }
            }
        }

        mutating func pop(at time: UInt64, pass: inout WindowPass) {
            let f = stack.removeLast()
            nodes.removeLast(windowCount)
            active[Int(f.code)] -= 1
            guard f.outermost else { return }
            for (w, window) in pass.windows.enumerated() {
                let ns = window.overlap(f.start, time)
                if ns > 0 {
                    accumulator(w, &pass).stats.update(f.code) { s in
                        s.totalNs &+= ns
                        s.maxNs = max(s.maxNs, ns)
                    }
                }
                if f.known && window.contains(f.start) && (window.contains(time) || time == window.end) {
                    pass.sample(w, f.code, time - f.start)
                }
            }
        }

        /// Ends every open frame at `time` (the end of the trace, or a gap).
        mutating func closeAll(at time: UInt64, pass: inout WindowPass) {
            while !stack.isEmpty {
                stack[stack.count - 1].known = false
                pop(at: time, pass: &pass)
            }
        }
    }
}
