/// What one events chunk leaves for its neighbours: everything a chunk
/// decoded on its own cannot finish because it depends on earlier chunks.
///
/// A chunk's header names the frames open at its start but not when they
/// were entered, so their exits cannot be timed inside the chunk; and frames
/// it opens may close in a later chunk. The ``ThreadStitcher`` joins these
/// summaries in sequence order; everything else about the chunk was already
/// added to its worker's tables.
struct ChunkSummary: Sendable {
    /// A frame this chunk opened that was still open at its end.
    struct OpenedFrame: Sendable, Equatable {
        var code: UInt32
        var entry: UInt64
        /// No other frame of the same code below it on the stack.
        var outermost: Bool
    }

    var thread: UInt32
    var sequence: UInt64
    var droppedBefore: UInt64
    /// The header's open frames, outermost first (ids out of range mapped to 0).
    var openFrames: [UInt32]
    /// Times at which open frames exited, innermost first: the i-th exits
    /// `openFrames[openFrames.count - 1 - i]`.
    var exitTimes: [UInt64]
    /// Frames opened here and still open at the end, outermost first; they sit
    /// above the open frames that did not exit.
    var endFrames: [OpenedFrame]
    /// First and last event times; nil for a chunk without events.
    var firstTime: UInt64?
    var lastTime: UInt64?
    /// Events decoded (fewer than the header says when damaged).
    var events: UInt64
    /// The chunk stopped decoding part-way: its end state is not the next chunk's start.
    var damaged: Bool
}
