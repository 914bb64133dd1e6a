import TraceFormat

/// Replays a trace's events thread by thread as balanced frame openings and
/// closings, for the timeline formats (Chrome trace events, speedscope).
///
/// The analyzers only sum times; timeline exporters need every frame's own
/// start and end, in order, per thread. Chunks of all threads are interleaved
/// in the file; the analysis lists each thread's chunks (``TraceProfile/eventChunks``),
/// and ``walk(thread:endTime:_:)`` decodes one thread's chunks in order,
/// keeping only the open stack, so memory does not grow with the trace.
///
/// Where the trace lost events (a missing or damaged chunk, a thread whose
/// first chunk starts inside frames) the stack is reconciled with the next
/// chunk's ``EventChunkHeader/openFrames`` by the stitcher's rule
/// (``ChunkJoin``). Times never go backwards, so every opening is matched by
/// exactly one later closing.
package struct TraceTimeline {
    /// One step of a thread's timeline.
    package enum Step: Equatable, Sendable {
        /// A frame of `code` starts (a call or a resume) at `time` ns since the origin.
        case open(code: UInt32, time: UInt64)
        /// The innermost open frame, of `code`, ends at `time`.
        case close(code: UInt32, time: UInt64)
    }

    /// The trace file being replayed.
    let file: TraceFile
    /// Each thread's events chunks, in file order.
    package let chunks: [UInt32: [ChunkLocation]]

    /// Replays the trace `profile` was analysed from, through the chunk list
    /// its analysis made (no second pass over the file).
    ///
    /// - Throws: ``TraceError`` when the file can no longer be opened.
    package init(profile: TraceProfile) throws(TraceError) {
        file = try TraceFile(path: profile.path)
        chunks = profile.eventChunks
    }

    /// Opens the trace at `path` and lists each thread's chunks by decoding
    /// every chunk once (for callers without an analysis of it).
    ///
    /// - Throws: ``TraceError`` when the file cannot be read, is not a trace
    ///   or holds a newer format. Damaged chunks are skipped (the analysis
    ///   that comes before an export reports them).
    package init(path: String) throws(TraceError) {
        file = try TraceFile(path: path)
        var chunks: [UInt32: [ChunkLocation]] = [:]
        do {
            try file.forEachChunk { location, chunk in
                if case let .events(events) = chunk { chunks[events.header.thread, default: []].append(location) }
            }
        } catch let error as TraceError {
            throw error
        } catch {
            throw .damaged(offset: 0, detail: "\(error)")
        }
        self.chunks = chunks
    }

    /// The threads that have events, ascending.
    package var threads: [UInt32] { chunks.keys.sorted() }

    /// Calls `visit` with every opening and closing of `thread`'s frames, in
    /// time order; frames still open at the end close at `endTime` (or at the
    /// thread's last time, if later).
    package func walk(thread: UInt32, endTime: UInt64, _ visit: (Step) -> Void) {
        withoutActuallyEscaping(visit) { visit in
            var replay = Replay(visit: visit)
            let codec = ChunkCodec()
            var buffer: [UInt8] = []
            var expected: UInt64?
            for location in chunks[thread] ?? [] {
                guard case let .events(chunk)? = try? file.decodeChunk(location, buffer: &buffer, codec: codec)
                else { continue }
                let header = chunk.header
                // A repeated sequence number: its events were already replayed.
                if let expected, header.sequence < expected { continue }
                expected = header.sequence + 1
                replay.join(header)
                // Events before damage are kept; the next chunk's open frames
                // reconcile the stack after it.
                try? chunk.decode(into: &replay)
            }
            let end = max(endTime, replay.last ?? 0)
            while let code = replay.stack.popLast() { visit(.close(code: code, time: end)) }
        }
    }

    /// The visitor that turns one thread's events into steps.
    private struct Replay: EventVisitor {
        let visit: (Step) -> Void
        var stack: [UInt32] = []
        /// The last time seen; nil before the first chunk.
        var last: UInt64?

        init(visit: @escaping (Step) -> Void) {
            self.visit = visit
        }

        /// Reconciles the stack with the frames `header` says are open (``ChunkJoin``).
        mutating func join(_ header: EventChunkHeader) {
            let open = header.openFrames
            guard stack != open else { return }
            let common = ChunkJoin.shared(stack, open)
            let closeAt = ChunkJoin.closeTime(last: last, first: header.baseTime)
            while stack.count > common { visit(.close(code: stack.removeLast(), time: closeAt)) }
            let openAt = ChunkJoin.openTime(last: last, first: header.baseTime)
            last = openAt
            for code in open[common...] {
                stack.append(code)
                visit(.open(code: code, time: openAt))
            }
        }

        mutating func enter(_ kind: EventKind, code: UInt32, time: UInt64) {
            let at = max(last ?? 0, time)
            last = at
            stack.append(code)
            visit(.open(code: code, time: at))
        }

        mutating func leave(_ kind: EventKind, time: UInt64) {
            let at = max(last ?? 0, time)
            last = at
            if let code = stack.popLast() { visit(.close(code: code, time: at)) }
        }
    }
}
