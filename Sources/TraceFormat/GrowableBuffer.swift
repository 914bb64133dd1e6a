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
///
/// Every member is `@inlinable`: the loops that use it are in other modules
/// (TraceAnalysis, PyFrameRecorder), and a call per element through
/// unspecialised generic code cost more than the work itself.
public struct GrowableBuffer<Element: BitwiseCopyable> {
    @usableFromInline var start: UnsafeMutablePointer<Element>
    @usableFromInline var used: Int
    @usableFromInline var room: Int

    /// The first element.
    @inlinable public var base: UnsafeMutablePointer<Element> { start }
    /// Elements in use.
    @inlinable public var count: Int { used }
    /// Elements that fit before the next growth.
    @inlinable public var capacity: Int { room }

    /// An empty buffer with room for `capacity` elements.
    @inlinable public init(capacity: Int) {
        room = Swift.max(4, capacity)
        used = 0
        start = GrowableBuffer.allocate(room)
    }

    /// `count` copies of `value`, with room for at least `capacity`.
    @inlinable public init(repeating value: Element, count: Int, capacity: Int = 0) {
        self.init(capacity: Swift.max(capacity, count))
        start.initialize(repeating: value, count: count)
        used = count
    }

    @usableFromInline static func allocate(_ capacity: Int) -> UnsafeMutablePointer<Element> {
        UnsafeMutableRawPointer.allocate(byteCount: capacity * MemoryLayout<Element>.stride, alignment: 64)
            .bindMemory(to: Element.self, capacity: capacity)
    }

    /// Releases the storage; the buffer must not be used afterwards.
    @inlinable public func free() { UnsafeMutableRawPointer(start).deallocate() }

    /// Element `i`, which the caller guarantees is below ``count``.
    @inlinable @inline(__always)
    public subscript(unchecked i: Int) -> Element {
        get { start[i] }
        nonmutating set { start[i] = newValue }
    }

    /// Appends one value, doubling the storage when full.
    @inlinable @inline(__always)
    public mutating func append(_ value: Element) {
        if _slowPath(used == room) { grow(toAtLeast: used + 1) }
        start[used] = value
        used += 1
    }

    /// Grows ``count`` to at least `newCount`, filling new elements with `value`.
    @inlinable public mutating func extend(to newCount: Int, with value: Element) {
        guard newCount > used else { return }
        reserve(newCount)
        (start + used).initialize(repeating: value, count: newCount - used)
        used = newCount
    }

    /// Removes the last `n` elements; the caller guarantees `n <= count`.
    @inlinable @inline(__always)
    public mutating func removeLastUnchecked(_ n: Int = 1) { used -= n }

    /// Removes every element, keeping the storage.
    @inlinable public mutating func removeAll() { used = 0 }

    /// Makes room for `needed` elements (doubling), keeping the first ``count``.
    @inlinable @inline(__always)
    public mutating func reserve(_ needed: Int) {
        if _slowPath(needed > room) { grow(toAtLeast: needed) }
    }

    @usableFromInline @inline(never)
    mutating func grow(toAtLeast needed: Int) {
        var bigger = room * 2
        while bigger < needed { bigger *= 2 }
        let storage = GrowableBuffer.allocate(bigger)
        storage.moveInitialize(from: start, count: used)
        free()
        start = storage
        room = bigger
    }

    /// Sets ``count`` after writing through ``base``: the caller
    /// guarantees `n <= capacity` and that the first `n` elements are set.
    @inlinable @inline(__always)
    public mutating func setCountUnchecked(_ n: Int) { used = n }

    /// The elements as a Swift array (for results, not hot paths).
    @inlinable public var array: [Element] { Array(UnsafeBufferPointer(start: start, count: used)) }
}
