/// Something found wrong with a trace file while analysing it. The analyzer
/// says what and where; renderers put it into words
/// (`TraceRender`'s `ProblemText`), so the words are in one place and a
/// test can ask for a problem rather than a sentence.
public enum TraceProblem: Sendable, Equatable {
    /// The decoder's own finding (a damaged chunk skipped, a cut-off tail),
    /// in the decoder's words.
    case damage(String)
    /// Code records whose ids are beyond what the analyzer indexes were ignored.
    case codeRecordsIgnored(count: Int, maxId: UInt32)
    /// Flight-recorder mode (`--ring`) dropped the thread's oldest events.
    case ringDropped(thread: UInt32, events: UInt64)
    /// Events chunks are missing from the thread's sequence.
    case chunksMissing(thread: UInt32, count: UInt64)
    /// The thread had more distinct stacks than the limit; the rarest were grouped.
    case stackLimitReached(thread: UInt32, limit: Int)
    /// Events chunks of the thread repeat a sequence number.
    case chunksRepeated(thread: UInt32, count: Int)
    /// Events name code ids beyond what the analyzer indexes.
    case codeIdsOutOfRange(events: UInt64, maxId: UInt32)
    /// The trace has no end record: the recording was cut short.
    case noEndRecord
}
