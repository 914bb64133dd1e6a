/// Receives the events of one chunk from ``EventChunk/decode(into:)`` as they
/// are read.
///
/// The decoder is generic over its visitor and inlinable, so that an
/// analyzer's per-event work is compiled into the decoding loop: no closure
/// call and no second stack per event. The decoder keeps only the stack's
/// depth (to refuse an exit with no open frame); a visitor that needs the
/// code of the frame an exit leaves keeps its own stack, seeded with
/// ``EventChunkHeader/openFrames``.
public protocol EventVisitor {
    /// A frame of `code` starts at `time` (`kind` is `call` or `resume`).
    mutating func enter(_ kind: EventKind, code: UInt32, time: UInt64)
    /// The innermost open frame ends at `time` (`kind` is `return`, `yield` or `unwind`).
    mutating func leave(_ kind: EventKind, time: UInt64)
}
