/// The code ids of a thread's open frames, as the writer thread replays its
/// events: pushed on entries, popped on exits, copied into each events
/// chunk's header. A raw buffer, because it is touched for every event.
final class FrameStack {
    private var base: UnsafeMutablePointer<UInt32>
    private var capacity: Int
    /// Number of open frames.
    private(set) var count = 0

    init(capacity: Int = 256) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    @inline(__always)
    func push(_ code: UInt32) {
        if _slowPath(count == capacity) { grow() }
        base[count] = code
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
    var array: [UInt32] { Array(UnsafeBufferPointer(start: base, count: count)) }

    @inline(never)
    private func grow() {
        let bigger = UnsafeMutablePointer<UInt32>.allocate(capacity: capacity * 2)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity *= 2
    }
}
