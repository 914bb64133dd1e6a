/// The one rule for joining a thread's consecutive events chunks, used both
/// by ``ThreadStitcher`` (which sums times) and by ``TraceTimeline`` (which
/// replays every frame).
///
/// A chunk's header lists the frames open at its start. When they differ
/// from the stack the previous chunk left (a chunk is missing or damaged,
/// events were dropped, or the thread's first chunk starts inside frames),
/// the frames both share from the bottom go on; the stack's frames above
/// them close at the last time seen, and the header's frames above them open
/// at the chunk's first time, never earlier than the last time seen, so
/// that times never go backwards and every opening has one later closing.
enum ChunkJoin {
    /// How many frames, from the bottom, `stack` and the chunk's `open` frames share.
    static func shared<Stack: RandomAccessCollection>(_ stack: Stack, _ open: [UInt32]) -> Int
    where Stack.Element == UInt32, Stack.Index == Int {
        var common = 0
        while common < stack.count && common < open.count
                && stack[stack.startIndex + common] == open[common] {
            common += 1
        }
        return common
    }

    /// When the frames `stack` does not share close: the last time seen, or
    /// the chunk's first time when nothing was seen yet.
    static func closeTime(last: UInt64?, first: UInt64?) -> UInt64 {
        last ?? first ?? 0
    }

    /// When the header's frames the stack lacks open: the chunk's first
    /// time, but not before the last time seen.
    static func openTime(last: UInt64?, first: UInt64?) -> UInt64 {
        max(last ?? 0, first ?? last ?? 0)
    }
}
