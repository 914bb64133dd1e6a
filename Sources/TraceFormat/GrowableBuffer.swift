/// A raw buffer of trivial values that doubles when full: storage for the
/// per-event loops (encoding, the writer's frame stacks) that must not pay an
/// array's per-element bookkeeping.
public struct GrowableBuffer<Element: BitwiseCopyable> {
    /// The first element.
    public private(set) var base: UnsafeMutablePointer<Element>
    /// Elements that fit before the next growth.
    public private(set) var capacity: Int

    /// Allocates room for `capacity` elements. Call ``free()`` when done.
    public init(capacity: Int) {
        self.capacity = max(1, capacity)
        base = .allocate(capacity: self.capacity)
    }

    /// Doubles the capacity (until at least `needed`), keeping the first `used` elements.
    @inline(never)
    public mutating func grow(keeping used: Int, toAtLeast needed: Int = 0) {
        var bigger = capacity * 2
        while bigger < needed { bigger *= 2 }
        let storage = UnsafeMutablePointer<Element>.allocate(capacity: bigger)
        storage.update(from: base, count: used)
        base.deallocate()
        base = storage
        capacity = bigger
    }

    /// Releases the storage.
    public func free() { base.deallocate() }
}
