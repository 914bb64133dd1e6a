import TraceFormat

/// An open-addressing hash map from (parent node, code id) to child node,
/// for the callers with too many children to list (see ``TreeStorage``).
///
/// A `Dictionary` keyed by a tuple hashes through generic code; this table
/// keeps each key as one `UInt64` with linear probing in plain memory, next
/// to its node in one 16-byte slot: a probe that finds its key has its
/// answer in the same cache line (keys and nodes in two arrays cost two
/// misses per lookup in trees too big for the cache).
/// Memory is owned by ``CallTree``, which calls ``free()``.
struct NodeTable {
    struct Slot: BitwiseCopyable {
        var key: UInt64
        var node: Int32
    }

    private var slots: GrowableBuffer<Slot>
    private var mask: Int
    /// 64 − log2(size): the product's top bits pick the slot.
    private var shift: UInt64
    private(set) var count = 0

    /// No real key has a parent of -1 and code `UInt32.max`.
    private static let emptyKey = UInt64.max

    init(capacity: Int = 512) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        mask = size - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
        slots = GrowableBuffer(repeating: Slot(key: NodeTable.emptyKey, node: -1), count: size)
    }

    func free() { slots.free() }

    @inline(__always)
    static func key(parent: Int32, code: UInt32) -> UInt64 {
        UInt64(UInt32(bitPattern: parent)) << 32 | UInt64(code)
    }

    @inline(__always)
    private func slot(for key: UInt64) -> Int {
        // Fibonacci hashing spreads consecutive code ids over the table. The
        // slot is the product's top bits, which depend on every bit of the
        // key: a fixed middle window (bits 24 up) ignored the parent's high
        // bits, so in trees of 100,000 nodes siblings of many parents shared
        // slots and probe chains grew long.
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The node stored for `key`, or -1.
    @inline(__always)
    func find(_ key: UInt64) -> Int32 {
        var i = slot(for: key)
        while true {
            let slot = slots[unchecked: i]
            if slot.key == key { return slot.node }
            if slot.key == NodeTable.emptyKey { return -1 }
            i = (i + 1) & mask
        }
    }

    /// Stores `value` for `key`, which must not be present.
    mutating func insert(_ key: UInt64, _ value: Int32) {
        if (count + 1) * 2 > mask + 1 { grow() }
        var i = slot(for: key)
        while slots[unchecked: i].key != NodeTable.emptyKey { i = (i + 1) & mask }
        slots[unchecked: i] = Slot(key: key, node: value)
        count += 1
    }

    private mutating func grow() {
        let old = slots
        let size = (mask + 1) * 2
        mask = size - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
        slots = GrowableBuffer(repeating: Slot(key: NodeTable.emptyKey, node: -1), count: size)
        count = 0
        for i in 0..<old.count where old[unchecked: i].key != NodeTable.emptyKey {
            insert(old[unchecked: i].key, old[unchecked: i].node)
        }
        old.free()
    }
}
