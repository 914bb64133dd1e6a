import TraceFormat

/// The code ids of a thread's open frames, as the writer thread replays its
/// events: pushed on entries, popped on exits, copied into each events
/// chunk's header. A raw buffer, because it is touched for every event.
final class FrameStack {
    private var storage = GrowableBuffer<UInt32>(capacity: 256)

    deinit { storage.free() }

    /// Number of open frames.
    var count: Int { storage.count }

    @inline(__always)
    func push(_ code: UInt32) { storage.append(code) }

    /// Pops the innermost frame; false if none was open.
    @inline(__always)
    func pop() -> Bool {
        guard storage.count > 0 else { return false }
        storage.removeLastUnchecked()
        return true
    }

    /// The open frames, outermost first.
    var array: [UInt32] { storage.array }
}
