/// A growable array of plain values in manually managed memory.
///
/// The per-event loop indexes these by code id or node id millions of times a
/// second; a Swift `Array` held in a class would pay uniqueness and
/// exclusivity checks on every write. Owners (``StatsTable``, ``CallTree``)
/// free the memory in their `deinit`; a `PodArray` is never shared.
struct PodArray<Element: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count: Int
    private(set) var capacity: Int

    /// `count` copies of `value`.
    init(repeating value: Element, count: Int, capacity: Int? = nil) {
        let cap = Swift.max(capacity ?? count, count, 4)
        base = PodArray.allocate(cap)
        base.initialize(repeating: value, count: count)
        self.count = count
        self.capacity = cap
    }

    /// Cache-line-aligned storage, so that records of half a line or a
    /// quarter (``NodeRecord``, ``NodeTable/Slot``) never straddle two lines.
    private static func allocate(_ capacity: Int) -> UnsafeMutablePointer<Element> {
        UnsafeMutableRawPointer.allocate(byteCount: capacity * MemoryLayout<Element>.stride, alignment: 64)
            .bindMemory(to: Element.self, capacity: capacity)
    }

    /// Frees the memory; the array must not be used afterwards.
    func deallocate() { base.deallocate() }

    /// Unchecked element access: callers guarantee `i < count`.
    @inline(__always)
    subscript(i: Int) -> Element {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }

    /// Appends one value, doubling the storage when full.
    @inline(__always)
    mutating func append(_ value: Element) {
        if count == capacity { reserve(capacity * 2) }
        base[count] = value
        count += 1
    }

    /// Grows `count` to at least `newCount`, filling new slots with `value`.
    mutating func extend(to newCount: Int, with value: Element) {
        guard newCount > count else { return }
        if newCount > capacity { reserve(Swift.max(newCount, capacity * 2)) }
        (base + count).initialize(repeating: value, count: newCount - count)
        count = newCount
    }

    /// Removes the last `n` values.
    @inline(__always)
    mutating func removeLast(_ n: Int) { count -= n }

    /// Removes every value, keeping the storage.
    mutating func removeAll() { count = 0 }

    private mutating func reserve(_ newCapacity: Int) {
        let fresh = PodArray.allocate(newCapacity)
        fresh.moveInitialize(from: base, count: count)
        base.deallocate()
        base = fresh
        capacity = newCapacity
    }

    /// The values as a Swift array (for results, not hot paths).
    var array: [Element] { Array(UnsafeBufferPointer(start: base, count: count)) }
}
