import TraceFormat

/// The code ids of a thread's open frames, as the writer thread replays its
/// events: pushed on entries, popped on exits, copied into each events
/// chunk's header. A raw buffer, because it is touched for every event.
final class FrameStack {
    private var storage = GrowableBuffer<UInt32>(capacity: 256)
    /// Number of open frames.
    private(set) var count = 0

    deinit { storage.free() }

    @inline(__always)
    func push(_ code: UInt32) {
        if _slowPath(count == storage.capacity) { storage.grow(keeping: count) }
        storage.base[count] = code
        count += 1
    }

    /// Pops the innermost frame; false if none was open.
    @inline(__always)
    func pop() -> Bool {
        guard count > 0 else { return false }
        count -= 1
        return true
    }

    /// The open frames, outermost first.
    var array: [UInt32] { Array(UnsafeBufferPointer(start: storage.base, count: count)) }
}
