import TraceFormat

/// Folds the events of one chunk at a time into per-thread tables: the
/// per-event loop of every analyzer.
///
/// One aggregator belongs to one worker. Within a chunk everything is known
/// except the entry times of the frames open at its start; what depends on
/// them goes into the returned ``ChunkSummary``. The loop allocates nothing
/// per event and indexes plain arrays by code id.
final class ChunkAggregator {
    /// Code ids above this are taken as damage and counted as unknown code 0,
    /// so that a corrupt id cannot make the tables huge. The recorder numbers
    /// code objects from 1, so real traces stay far below.
    static let maxCodeId: UInt32 = 1 << 24

    /// One open frame of the chunk being decoded.
    struct Frame {
        var entry: UInt64
        var code: UInt32
        var node: Int32
        var outermost: Bool
    }

    private let stackLimit: Int?
    /// Whether per-function statistics are kept (see ``AnalysisOptions/collectFunctions``).
    private let countsFunctions: Bool
    private(set) var threads: [UInt32: ThreadAccumulator] = [:]
    private var frames = GrowableBuffer<Frame>(repeating: Frame(entry: 0, code: 0, node: 0, outermost: false),
                                         count: 0, capacity: 256)
    /// Frames of each code currently on the stack (0 between chunks).
    private var active = GrowableBuffer<Int32>(repeating: 0, count: 0, capacity: 1024)
    /// Code ids found out of range (counted as unknown code 0).
    private(set) var outOfRangeCodes: UInt64 = 0

    /// An aggregator that builds call trees of at most `stackLimit` stacks,
    /// or none when nil, and per-function statistics when `countsFunctions`
    /// (always without a tree: there would be nothing else to count).
    init(stackLimit: Int?, countsFunctions: Bool = true) {
        self.stackLimit = stackLimit
        self.countsFunctions = countsFunctions || stackLimit == nil
    }

    deinit {
        frames.free()
        active.free()
    }

    /// The tables of `thread`, created on first use.
    func accumulator(_ thread: UInt32) -> ThreadAccumulator {
        if let existing = threads[thread] { return existing }
        let created = ThreadAccumulator(stackLimit: stackLimit)
        threads[thread] = created
        return created
    }

    /// Aggregates `chunk` and returns what only its neighbours can finish.
    /// - Returns: the summary, and the decoding error if the chunk is damaged
    ///   (events before the damage are counted).
    func process(_ chunk: EventChunk) -> (ChunkSummary, TraceError?) {
        let acc = accumulator(chunk.header.thread)
        var stats = acc.stats.storage
        defer { acc.stats.storage = stats }
        if let tree = acc.tree {
            var sink = tree.storage
            defer { tree.storage = sink }
            if !countsFunctions { return run(chunk, stats: &stats, sink: &sink, counting: SkippingFunctions.self) }
            return run(chunk, stats: &stats, sink: &sink, counting: CountingFunctions.self)
        }
        var none = NoStacks()
        return run(chunk, stats: &stats, sink: &none, counting: CountingFunctions.self)
    }

    /// Maps an id beyond ``maxCodeId`` to 0 and counts it.
    @inline(__always)
    private func clamp(_ code: UInt32) -> UInt32 {
        if code <= ChunkAggregator.maxCodeId { return code }
        outOfRangeCodes += 1
        return 0
    }

    /// Gives `code` a slot in both per-code arrays.
    @inline(__always)
    static func ensure(_ code: UInt32, _ stats: inout GrowableBuffer<FunctionStats>,
                               _ active: inout GrowableBuffer<Int32>) {
        let needed = Int(code) + 1
        if needed > stats.count { stats.extend(to: needed, with: FunctionStats()) }
        if needed > active.count { active.extend(to: needed, with: 0) }
    }

    private func run<Sink: StackSink, Counting: FunctionCounting>(
        _ chunk: EventChunk, stats: inout GrowableBuffer<FunctionStats>, sink: inout Sink, counting: Counting.Type
    ) -> (ChunkSummary, TraceError?) {
        let header = chunk.header
        // Locals, not properties, inside the loop: no exclusivity checks per event.
        var frames = self.frames
        var active = self.active
        defer {
            self.frames = frames
            self.active = active
        }
        frames.removeAll()
        var open: [UInt32] = []
        open.reserveCapacity(header.openFrames.count)
        var node: Int32 = 0
        for raw in header.openFrames {
            let code = clamp(raw)
            ChunkAggregator.ensure(code, &stats, &active)
            open.append(code)
            // Without statistics nothing counts the active frames (their exits would not uncount them).
            if Counting.enabled { active[unchecked: Int(code)] += 1 }
            node = sink.enter(parent: node, code: code)
            frames.append(Frame(entry: 0, code: code, node: node,
                                outermost: Counting.enabled && active[unchecked: Int(code)] == 1))
        }

        var visitor = AggregatingVisitor<Sink, Counting>(frames: frames, active: active, stats: stats, sink: sink,
                                         floor: open.count, last: header.baseTime)
        var failure: TraceError?
        do {
            try chunk.decode(into: &visitor)
        } catch {
            failure = error
        }
        frames = visitor.frames
        active = visitor.active
        stats = visitor.stats
        sink = visitor.sink
        let floor = visitor.floor
        let last = visitor.last
        let events = visitor.events
        let exitTimes = visitor.exitTimes
        outOfRangeCodes += visitor.outOfRangeCount

        var endFrames: [ChunkSummary.OpenedFrame] = []
        endFrames.reserveCapacity(frames.count - floor)
        for i in 0..<frames.count {
            let f = frames[unchecked: i]
            if Counting.enabled { active[unchecked: Int(f.code)] = 0 }
            if i >= floor { endFrames.append(.init(code: f.code, entry: f.entry, outermost: f.outermost)) }
        }
        let summary = ChunkSummary(
            thread: header.thread, sequence: header.sequence, droppedBefore: header.droppedBefore,
            openFrames: open, exitTimes: exitTimes, endFrames: endFrames,
            firstTime: events > 0 ? header.baseTime : nil, lastTime: events > 0 ? last : nil,
            events: events, damaged: failure != nil)
        return (summary, failure)
    }
}

/// The per-event loop of ``ChunkAggregator``, run inside the decoder
/// (``EventChunk/decode(into:)``): self time to the innermost frame, calls and
/// resumes on entry, inclusive time on the exit of an outermost frame; exits
/// of the frames open at the chunk's start are only timed, for the stitcher.
/// Without `Counting`, only the call tree (and each thread's highest code id).
///
/// All state is held in the struct, in registers or plain memory, so the
/// specialised loop allocates nothing and checks no exclusivity per event.
struct AggregatingVisitor<Sink: StackSink, Counting: FunctionCounting>: EventVisitor {
    var frames: GrowableBuffer<ChunkAggregator.Frame>
    var active: GrowableBuffer<Int32>
    var stats: GrowableBuffer<FunctionStats>
    var sink: Sink
    /// Depth below which frames were open at the chunk's start (lowered as they exit).
    var floor: Int
    /// Time of the previous event.
    var last: UInt64
    var events: UInt64 = 0
    var exitTimes: [UInt64] = []
    /// Code ids beyond ``ChunkAggregator/maxCodeId``, counted as unknown code 0.
    var outOfRangeCount: UInt64 = 0

    init(frames: GrowableBuffer<ChunkAggregator.Frame>, active: GrowableBuffer<Int32>, stats: GrowableBuffer<FunctionStats>,
         sink: Sink, floor: Int, last: UInt64) {
        self.frames = frames
        self.active = active
        self.stats = stats
        self.sink = sink
        self.floor = floor
        self.last = last
    }

    /// Gives the time since the previous event to the innermost frame.
    @inline(__always)
    private mutating func advance(to time: UInt64) {
        let dt = time &- last
        last = time
        events &+= 1
        let depth = frames.count
        if depth > 0 {
            let top = frames[unchecked: depth - 1]
            if Counting.enabled { stats.base[Int(top.code)].selfNs &+= dt }
            sink.addSelf(top.node, dt)
        }
    }

    @inline(__always)
    mutating func enter(_ kind: EventKind, code raw: UInt32, time: UInt64) {
        advance(to: time)
        var code = raw
        // Stats keep their size without counting: the highest code id names functions ("<code N>").
        if _slowPath(Int(code) >= stats.count || Counting.enabled && Int(code) >= active.count) {
            if code > ChunkAggregator.maxCodeId {
                code = 0
                outOfRangeCount &+= 1
            }
            ChunkAggregator.ensure(code, &stats, &active)
        }
        let depth = frames.count
        let parent = depth > 0 ? frames[unchecked: depth - 1].node : 0
        let child = sink.enter(parent: parent, code: code)
        var outermost = false
        if Counting.enabled {
            let count = active[unchecked: Int(code)] &+ 1
            active[unchecked: Int(code)] = count
            outermost = count == 1
            let s = stats.base + Int(code)
            if kind == .call {
                s.pointee.calls &+= 1
                if outermost { s.pointee.primitiveCalls &+= 1 }
            } else {
                s.pointee.resumes &+= 1
            }
        }
        if kind == .call { sink.countCall(child) } else { sink.countResume(child) }
        frames.append(ChunkAggregator.Frame(entry: time, code: code, node: child, outermost: outermost))
    }

    @inline(__always)
    mutating func leave(_ kind: EventKind, time: UInt64) {
        advance(to: time)
        let depth = frames.count
        guard depth > 0 else { return }  // the decoder throws first
        let frame = frames[unchecked: depth - 1]
        frames.removeLastUnchecked()
        if Counting.enabled { active[unchecked: Int(frame.code)] &-= 1 }
        if depth - 1 < floor {
            floor = depth - 1
            exitTimes.append(time)
        } else if frame.outermost {
            let d = time &- frame.entry
            let s = stats.base + Int(frame.code)
            s.pointee.totalNs &+= d
            if d > s.pointee.maxNs { s.pointee.maxNs = d }
        }
    }
}
