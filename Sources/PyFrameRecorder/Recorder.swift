import PyFrameShim
import Synchronization
import TraceFormat
#if canImport(Glibc)
import Glibc
#endif

/// One recording session: from `start` to `stop`, into one trace file.
///
/// The hook fills the rings; ``drain()`` (on the writer thread, and a last
/// time on the thread that stops recording) turns them into chunks: first
/// the code and thread records that the events about to be written may use,
/// then each thread's events, then on stop the end record.
final class Recorder: @unchecked Sendable {
    /// Largest number of events in one events chunk.
    static let maxEventsPerChunk = 1 << 15

    /// The session being recorded, if any.
    nonisolated(unsafe) static var current: Recorder?
    /// Sessions are numbered from 1; a resumed recording (SIGUSR2) is a new one.
    static let sessions = Atomic<UInt64>(0)

    let session: UInt64
    let ownerPid: pid_t
    private let file: TraceFileWriter
    private var process: ProcessRecord
    private var clock: TickClock
    private let encoder = EventEncoder()
    private var eventsWritten: UInt64 = 0
    private var eventsLost: UInt64 = 0
    private var retiredUnmatched: UInt64 = 0
    /// The latest record of each thread stream (writer only).
    private var threadRecords: [UInt32: ThreadRecord] = [:]

    private init(file: TraceFileWriter, process: ProcessRecord) {
        session = Recorder.sessions.wrappingAdd(1, ordering: .relaxed).newValue
        ownerPid = getpid()
        self.file = file
        self.process = process
        clock = TickClock()
        self.process.originMonotonicNs = clock.originNs
    }

    /// Starts recording into a new file at `path`. Must hold the GIL.
    ///
    /// - Throws: a message for Python's OSError/RuntimeError.
    static func start(path: String, settings: RecordingSettings) throws(RecorderError) {
        guard current == nil else { throw .alreadyRecording }
        // SIGTERM and SIGHUP wait until the trace can be completed.
        let signalMask = TerminationSignals.prepare()
        var started = false
        defer {
            if !started { TerminationSignals.uninstall() }
            TerminationSignals.restore(signalMask)
        }
        // Where code ids live (CodeIdTable says why not co_extra from 3.14).
        let index = PF_CODE_IDS_IN_TABLE != 0 ? 0 : pf_code_extra_request_index()
        guard index >= 0 else { throw .noExtraIndex }
        guard PF_CODE_IDS_IN_TABLE == 0 || CodeIdTable.reset() else { throw .noCodeWatcher }
        let file: TraceFileWriter
        do {
            file = try TraceFileWriter(path: path, ringLimit: settings.ringBytes)
        } catch {
            throw .cannotCreate(error.description)
        }
        Stats.stalls.store(0, ordering: .relaxed)
        let filter = RecordFilter(settings)
        let recorder = Recorder(file: file, process: ProcessInfoReader.read(properties: settings.traceProperties))
        // The header goes out at once, so that even a program killed in its
        // first milliseconds leaves a valid (empty) trace.
        recorder.process.clock = recorder.clock.description
        guard recorder.file.append(chunk: ChunkWriter.process(recorder.process)) else {
            throw .cannotCreate(recorder.file.failure ?? "write failed")
        }
        if let size = settings.threadStackSize { ThreadStacks.setDefault(size) }
        ForkGuard.install()
        ForkPause.register()
        CodeRegistry.reset(extraIndex: index, filter: filter)
        Marks.pending.withLock { $0.removeAll() }
        ThreadRegistry.reset()
        current = recorder
        guard WriterThread.start() else {
            current = nil
            throw .noWriterThread
        }
        // The null mode installs the hook but records nothing: the floor any
        // eval-frame recorder pays, for benchmarks.
        // --signal starts paused: SIGUSR2 resumes (and pauses again).
        let paused = settings.recordsNothing || settings.togglesOnSignal
        let atProgramStart = !paused && settings.beginsAtProgramStart
        Hook.install(session: paused || atProgramStart ? 0 : recorder.session, filter: filter)
        if atProgramStart { ProgramStart.resumeAtProgramStart(session: recorder.session) }
        InlineInitFrames.start()
        CCalls.start(settings.cCalls, countingDepth: filter.filtersDepth)
        if settings.togglesOnSignal { SignalToggle.install() }
        TerminationSignals.install()
        started = true
    }

    /// Stops recording and completes the file. Must hold the GIL. Returns a
    /// line to print when something was lost, or nil.
    static func stop() -> String? {
        guard let recorder = current, recorder.ownerPid == getpid() else { return nil }
        // A SIGTERM arriving now (say, a pool terminating a worker that is
        // already exiting) waits until the trace is complete, then acts.
        let previousMask = TerminationSignals.blockInCurrentThread()
        Hook.uninstall()
        InlineInitFrames.stop()
        CCalls.stop()
        WriterThread.stop()
        ForkPause.forget()
        // (Unless the writer has just completed the trace for a signal.)
        if !TerminationSignals.flushed.load(ordering: .acquiring) { recorder.drain(final: true) }
        current = nil
        TerminationSignals.uninstall()
        TerminationSignals.restore(previousMask)
        return recorder.lossMessage
    }

    /// This process's peak resident memory so far, in KiB.
    static func peakRSSKiB() -> UInt64 {
        var usage = rusage()
        return getrusage(RUSAGE_SELF.rawValue, &usage) == 0 ? UInt64(max(0, usage.ru_maxrss)) : 0
    }

    /// In a forked child: the parent's session is not ours to write.
    static func abandonAfterFork() {
        Hook.disable()
        CCalls.stop()
        ForkPause.forget()
        WriterThread.forgetAfterFork()
        current?.file.close()  // the child's copy of the descriptor only
        current?.file.abandon()
        current = nil
    }

    /// Writes what the rings hold up to now.
    func drain(final: Bool = false) {
        ForkGuard.whileDraining {
            clock.calibrate(wait: !final)
            let rings = ThreadRegistry.rings.withLock { $0 }
            // A finished thread publishes nothing more, so reading `finished`
            // before the heads means a retired ring's last events are written.
            let finished = rings.map { $0.finished.load(ordering: .acquiring) }
            let heads = rings.map { $0.published.load(ordering: .acquiring) }
            // Records are queued before any event using them is published,
            // so taking them after reading the heads covers those events.
            let codes = CodeRegistry.pending.withLock { q in defer { q = CodeRecordBatch() }; return q }
            let functions = CFunctionRegistry.pending.withLock { q in defer { q.removeAll() }; return q }
            var threads = ThreadRegistry.pending.withLock { q in defer { q.removeAll() }; return q }
            for t in threads { threadRecords[t.index] = t }
            threads += streamsEndedByPause(rings)
            if !codes.isEmpty { file.append(chunk: ChunkWriter.codes(codes)) }
            if !functions.isEmpty { file.append(chunk: ChunkWriter.functions(functions)) }
            if !threads.isEmpty { file.append(chunk: ChunkWriter.threads(threads)) }
            for (ring, head) in zip(rings, heads) { write(ring, upTo: head) }
            let marks = Marks.take(clock)
            if !marks.isEmpty { file.append(chunk: ChunkWriter.marks(marks)) }
            let retired = zip(rings, finished).filter { $0.1 }.map { ObjectIdentifier($0.0) }
            if !retired.isEmpty {
                let gone = Set(retired)
                ThreadRegistry.rings.withLock { all in
                    for ring in all where gone.contains(ObjectIdentifier(ring)) {
                        retiredUnmatched += ring.unmatchedExits
                    }
                    all.removeAll { gone.contains(ObjectIdentifier($0)) }
                }
            }
            if final {
                file.compactNow()
                let unmatched = retiredUnmatched + ThreadRegistry.rings.withLock {
                    $0.reduce(0) { $0 + $1.unmatchedExits }
                }
                file.appendFinal(chunk: ChunkWriter.end(EndRecord(
                    endTime: clock.nanoseconds(pf_ticks()),
                    eventsWritten: eventsWritten - file.ringDroppedEvents,
                    eventsDropped: eventsLost + file.ringDroppedEvents, unmatchedExits: unmatched,
                    lossReason: lossReason, stalls: Stats.stalls.load(ordering: .relaxed),
                    peakRSSKiB: Self.peakRSSKiB())))
                file.close()
            }
        }
    }

    /// Streams of a session that SIGUSR2 paused get their end time (once),
    /// and leave the registry once drained: their threads resume, if ever,
    /// in new streams.
    private func streamsEndedByPause(_ rings: [ThreadRing]) -> [ThreadRecord] {
        let paused = SignalToggle.pausedSession.load(ordering: .acquiring)
        guard paused != 0 else { return [] }
        let end = clock.nanoseconds(SignalToggle.pausedTicks.load(ordering: .relaxed))
        var ended: [ThreadRecord] = []
        for ring in rings where ring.session == paused && !ring.ended {
            ring.ended = true
            ring.finished.store(true, ordering: .releasing)
            var record = threadRecords[ring.index] ?? ThreadRecord(index: ring.index, nativeId: 0, ident: 0, name: "")
            record.endTime = end
            ended.append(record)
        }
        return ended
    }

    /// Encodes a ring's events up to `head` into events chunks.
    private func write(_ ring: ThreadRing, upTo head: UInt64) {
        var tail = ring.consumed.load(ordering: .relaxed)
        let mask = UInt64(ring.capacity - 1)
        while tail < head {
            let end = min(head, tail + UInt64(Recorder.maxEventsPerChunk))
            let stack = ring.openFrames
            encoder.begin(thread: ring.index, sequence: ring.sequence, openFrames: stack.array)
            var run = encoder.beginRun(events: Int(end - tail))
            for position in tail..<end {
                let raw = ring.slots[Int(position & mask)]
                guard let kind = EventKind(rawValue: UInt8(truncatingIfNeeded: raw.kind)) else { continue }
                if kind.isEntry {
                    stack.push(raw.code)
                } else if !stack.pop() {
                    // Leaving a frame entered before recording started.
                    ring.unmatchedExits += 1
                    continue
                }
                run.append(kind, code: raw.code, time: clock.nanoseconds(raw.ticks))
            }
            encoder.endRun(run)
            if encoder.eventCount > 0 {
                if file.append(events: encoder.finish(), thread: ring.index, count: UInt64(encoder.eventCount)) {
                    eventsWritten += UInt64(encoder.eventCount)
                } else {
                    eventsLost += UInt64(encoder.eventCount)
                }
                ring.sequence += 1
            }
            tail = end
            ring.consumed.store(tail, ordering: .releasing)
        }
    }

    /// Why events are missing from the file, for the end record.
    private var lossReason: String {
        var reasons: [String] = []
        if let failure = file.failure { reasons.append("writing failed: \(failure)") }
        if let limit = file.ringLimit, file.ringDroppedEvents > 0 {
            reasons.append("ring mode kept the newest \(limit) bytes of events")
        }
        return reasons.joined(separator: "; ")
    }

    /// What to tell the user when the file is incomplete.
    private var lossMessage: String? {
        guard let failure = file.failure else { return nil }
        return "pyframe: writing \(file.path) failed (\(failure)); \(eventsLost) events were lost"
    }
}
