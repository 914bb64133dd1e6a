/// Joins one thread's chunk summaries in sequence order: times the exits of
/// frames that crossed chunk boundaries, gives the time between two chunks to
/// the frame running then, and closes the frames still open at the end.
///
/// Summaries may arrive in any order (workers finish chunks out of order);
/// one that arrives early waits until its predecessor has been applied. A
/// missing or damaged chunk breaks the chain: the stack is then re-synchronised
/// from the next chunk's header, frames that vanished are closed at the last
/// time they were seen, and frames that appeared are counted from the first
/// time they are seen.
final class ThreadStitcher {
    /// A frame on the stitched stack.
    struct Frame {
        var code: UInt32
        var entry: UInt64
        var outermost: Bool
    }

    let thread: UInt32
    /// Whether per-function statistics are kept (see ``AnalysisOptions/collectFunctions``).
    private let countsFunctions: Bool
    /// Totals and self times only the stitcher can compute; summed with the workers' tables.
    let tables: ThreadAccumulator
    private var stack: [Frame] = []
    private var pending: [UInt64: ChunkSummary] = [:]
    private var nextSequence: UInt64 = 0
    private var lastSequence: UInt64?
    private var previousDamaged = false
    private(set) var firstTime: UInt64?
    private(set) var lastTime: UInt64?
    private(set) var events: UInt64 = 0
    private(set) var chunks = 0
    private(set) var missingChunks: UInt64 = 0
    private(set) var droppedBefore: UInt64 = 0
    private(set) var repeatedChunks = 0

    init(thread: UInt32, stackLimit: Int?, countsFunctions: Bool = true) {
        self.thread = thread
        self.countsFunctions = countsFunctions || stackLimit == nil
        tables = ThreadAccumulator(stackLimit: stackLimit)
    }

    /// Takes one summary; applies it and any waiting successors when its turn has come.
    func submit(_ summary: ChunkSummary) {
        if summary.sequence < nextSequence {
            // A sequence number seen before: damage. Apply it out of order
            // rather than lose it.
            repeatedChunks += 1
            apply(summary)
            return
        }
        guard summary.sequence == nextSequence else {
            pending[summary.sequence] = summary
            return
        }
        apply(summary)
        while let next = pending.removeValue(forKey: nextSequence) { apply(next) }
    }

    /// Applies the summaries still waiting behind a gap, then closes open frames
    /// at `endTime` (or at the thread's last event when the trace has no end).
    func finish(endTime: UInt64?) {
        for sequence in pending.keys.sorted() { apply(pending[sequence]!) }
        pending.removeAll()
        guard let last = lastTime else { return }
        let end = max(endTime ?? last, last)
        if end > last { addSelf(end - last) }
        while let frame = stack.popLast() { close(frame, at: end) }
    }

    private func apply(_ s: ChunkSummary) {
        chunks += 1
        events += s.events
        droppedBefore += s.droppedBefore
        let expected = lastSequence.map { $0 + 1 } ?? 0
        if s.sequence > expected { missingChunks += s.sequence - expected }
        let contiguous = lastSequence != nil && s.sequence == expected && !previousDamaged
            && s.droppedBefore == 0

        let common = ChunkJoin.shared(stack.lazy.map(\.code), s.openFrames)
        let matches = common == stack.count && common == s.openFrames.count
        if contiguous && matches, let last = lastTime, let first = s.firstTime, first > last, !stack.isEmpty {
            addSelf(first - last)
        }
        if !matches {
            let closeAt = ChunkJoin.closeTime(last: lastTime, first: s.firstTime)
            while stack.count > common { close(stack.removeLast(), at: closeAt) }
            let entry = ChunkJoin.openTime(last: lastTime, first: s.firstTime)
            for k in common..<s.openFrames.count {
                let code = s.openFrames[k]
                stack.append(Frame(code: code, entry: entry, outermost: !stack.contains { $0.code == code }))
            }
        }
        for time in s.exitTimes {
            guard let frame = stack.popLast() else { break }
            close(frame, at: time)
        }
        for f in s.endFrames { stack.append(Frame(code: f.code, entry: f.entry, outermost: f.outermost)) }

        if let first = s.firstTime { firstTime = min(firstTime ?? first, first) }
        if let last = s.lastTime { lastTime = max(lastTime ?? last, last) }
        previousDamaged = s.damaged
        lastSequence = max(lastSequence ?? s.sequence, s.sequence)
        nextSequence = max(nextSequence, s.sequence + 1)
    }

    /// Credits the inclusive time of a frame that ends at `time`.
    private func close(_ frame: Frame, at time: UInt64) {
        guard countsFunctions, frame.outermost else { return }
        let d = time > frame.entry ? time - frame.entry : 0
        tables.stats.update(frame.code) { s in
            s.totalNs &+= d
            s.maxNs = max(s.maxNs, d)
        }
    }

    /// Gives `ns` of self time to the innermost frame of the current stack.
    private func addSelf(_ ns: UInt64) {
        guard let top = stack.last else { return }
        if countsFunctions { tables.stats.update(top.code) { $0.selfNs &+= ns } }
        if let tree = tables.tree {
            tree.addSelf(tree.node(forStack: stack.lazy.map(\.code)), ns)
        }
    }
}
