/// A growable buffer of trivial values in manually managed, cache-line-aligned
/// memory: the one raw storage of the per-event loops (the encoder's bytes,
/// the decoders' and the writer's frame stacks, the analyzers' per-code
/// tables and call trees), which must not pay an array's per-element
/// bookkeeping (uniqueness, exclusivity and bounds checks on every write).
///
/// Its owner frees it with ``free()``; a buffer is never shared or copied
/// for its contents (a copy shares the memory). Members that trust the
/// caller instead of checking say so in their names (`unchecked`), as
/// swift-nio's do; the others grow the storage as needed. Line-aligned
/// storage keeps records of a half or a quarter line (the call tree's)
/// within one line each.
package struct GrowableBuffer<Element: BitwiseCopyable> {
    /// The first element.
    package private(set) var base: UnsafeMutablePointer<Element>
    /// Elements in use.
    package private(set) var count: Int
    /// Elements that fit before the next growth.
    package private(set) var capacity: Int

    /// An empty buffer with room for `capacity` elements.
    package init(capacity: Int) {
        self.capacity = max(4, capacity)
        count = 0
        base = GrowableBuffer.allocate(self.capacity)
    }

    /// `count` copies of `value`, with room for at least `capacity`.
    package init(repeating value: Element, count: Int, capacity: Int = 0) {
        self.init(capacity: max(capacity, count))
        base.initialize(repeating: value, count: count)
        self.count = count
    }

    private static func allocate(_ capacity: Int) -> UnsafeMutablePointer<Element> {
        UnsafeMutableRawPointer.allocate(byteCount: capacity * MemoryLayout<Element>.stride, alignment: 64)
            .bindMemory(to: Element.self, capacity: capacity)
    }

    /// Releases the storage; the buffer must not be used afterwards.
    package func free() { UnsafeMutableRawPointer(base).deallocate() }

    /// Element `i`, which the caller guarantees is below ``count``.
    @inline(__always)
    package subscript(unchecked i: Int) -> Element {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }

    /// Appends one value, doubling the storage when full.
    @inline(__always)
    package mutating func append(_ value: Element) {
        if _slowPath(count == capacity) { reserve(count + 1) }
        base[count] = value
        count += 1
    }

    /// Grows ``count`` to at least `newCount`, filling new elements with `value`.
    package mutating func extend(to newCount: Int, with value: Element) {
        guard newCount > count else { return }
        reserve(newCount)
        (base + count).initialize(repeating: value, count: newCount - count)
        count = newCount
    }

    /// Removes the last `n` elements; the caller guarantees `n <= count`.
    @inline(__always)
    package mutating func removeLastUnchecked(_ n: Int = 1) { count -= n }

    /// Removes every element, keeping the storage.
    package mutating func removeAll() { count = 0 }

    /// Makes room for `needed` elements (doubling), keeping the first ``count``.
    @inline(__always)
    package mutating func reserve(_ needed: Int) {
        if _slowPath(needed > capacity) { grow(toAtLeast: needed) }
    }

    @inline(never)
    private mutating func grow(toAtLeast needed: Int) {
        var bigger = capacity * 2
        while bigger < needed { bigger *= 2 }
        let storage = GrowableBuffer.allocate(bigger)
        storage.moveInitialize(from: base, count: count)
        free()
        base = storage
        capacity = bigger
    }

    /// Sets ``count`` after writing through ``base``: the caller
    /// guarantees `n <= capacity` and that the first `n` elements are set.
    @inline(__always)
    package mutating func setCountUnchecked(_ n: Int) { count = n }

    /// The elements as a Swift array (for results, not hot paths).
    package var array: [Element] { Array(UnsafeBufferPointer(start: base, count: count)) }
}
