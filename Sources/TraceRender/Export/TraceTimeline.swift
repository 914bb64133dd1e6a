import TraceFormat

/// Replays a trace's events thread by thread as balanced frame openings and
/// closings, for the timeline formats (Chrome trace events, speedscope).
///
/// The analyzers only sum times; timeline exporters need every frame's own
/// start and end, in order, per thread. Chunks of all threads are interleaved
/// in the file, so an index pass first lists each thread's chunks (file
/// order); ``walk(thread:endTime:_:)`` then decodes one thread's chunks in
/// order, keeping only the open stack, so memory does not grow with the trace.
///
/// Where the trace lost events (a missing or damaged chunk, a thread whose
/// first chunk starts inside frames) the stack is reconciled with the next
/// chunk's ``EventChunkHeader/openFrames``: frames that are no longer open
/// close at the last time seen, frames that were opened in the lost part
/// open at the chunk's first time. Times never go backwards, so every
/// opening is matched by exactly one later closing.
public struct TraceTimeline {
    /// One step of a thread's timeline.
    public enum Step: Equatable, Sendable {
        /// A frame of `code` starts (a call or a resume) at `time` ns since the origin.
        case open(code: UInt32, time: UInt64)
        /// The innermost open frame, of `code`, ends at `time`.
        case close(code: UInt32, time: UInt64)
    }

    /// The trace file being replayed.
    public let file: TraceFile
    /// Each thread's events chunks, in file order.
    public let chunks: [UInt32: [FrameLocation]]

    /// Opens the trace at `path` and lists each thread's chunks.
    ///
    /// - Throws: ``TraceError`` when the file cannot be read, is not a trace
    ///   or holds a newer format. Damaged chunks are skipped (the analysis
    ///   that comes before an export reports them).
    public init(path: String) throws(TraceError) {
        file = try TraceFile(path: path)
        var chunks: [UInt32: [FrameLocation]] = [:]
        do {
            try file.forEachChunk { frame, chunk in
                if case let .events(events) = chunk { chunks[events.header.thread, default: []].append(frame) }
            }
        } catch let error as TraceError {
            throw error
        } catch {
            throw .damaged(offset: 0, detail: "\(error)")
        }
        self.chunks = chunks
    }

    /// The threads that have events, ascending.
    public var threads: [UInt32] { chunks.keys.sorted() }

    /// Calls `visit` with every opening and closing of `thread`'s frames, in
    /// time order; frames still open at the end close at `endTime` (or at the
    /// thread's last time, if later).
    public func walk(thread: UInt32, endTime: UInt64, _ visit: (Step) -> Void) {
        let codec = LZ4FrameCodec()
        var buffer: [UInt8] = []
        var stack: [UInt32] = []
        var last: UInt64 = 0
        var expected: UInt64?
        for frame in chunks[thread] ?? [] {
            guard case let .events(chunk)? = try? file.decodeFrame(frame, buffer: &buffer, codec: codec) else { continue }
            let header = chunk.header
            // A repeated sequence number: its events were already replayed.
            if let expected, header.sequence < expected { continue }
            expected = header.sequence + 1
            if stack != header.openFrames {
                var common = 0
                while common < min(stack.count, header.openFrames.count),
                      stack[common] == header.openFrames[common] { common += 1 }
                while stack.count > common { visit(.close(code: stack.removeLast(), time: last)) }
                last = max(last, header.baseTime)
                for code in header.openFrames[common...] {
                    stack.append(code)
                    visit(.open(code: code, time: last))
                }
            }
            // Events before damage are kept; the next chunk's open frames
            // reconcile the stack after it.
            try? chunk.forEach { event in
                last = max(last, event.time)
                if event.kind.isEntry {
                    stack.append(event.code)
                    visit(.open(code: event.code, time: last))
                } else if let code = stack.popLast() {
                    visit(.close(code: code, time: last))
                }
            }
        }
        let end = max(endTime, last)
        while let code = stack.popLast() { visit(.close(code: code, time: end)) }
    }
}
