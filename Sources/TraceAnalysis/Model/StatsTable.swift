import TraceFormat

/// Per-function statistics of one thread, indexed directly by code id.
///
/// Code ids are dense (the recorder numbers code objects 1, 2, 3 …), so an
/// array indexed by id replaces a dictionary lookup per event.
public final class StatsTable: @unchecked Sendable {
    /// The storage, taken by value into the per-event loop and put back after
    /// each chunk (see ``ChunkAggregator``).
    var storage = GrowableBuffer<FunctionStats>(repeating: FunctionStats(), count: 0, capacity: 64)

    /// An empty table.
    public init() {}

    deinit { storage.free() }

    /// One more than the largest code id with a slot.
    public var count: Int { storage.count }

    /// The statistics of `code` (empty when it was never seen).
    public subscript(code: UInt32) -> FunctionStats {
        Int(code) < storage.count ? storage[unchecked: Int(code)] : FunctionStats()
    }

    /// Gives `code` a slot.
    func ensure(_ code: UInt32) {
        if Int(code) >= storage.count { storage.extend(to: Int(code) + 1, with: FunctionStats()) }
    }

    /// Applies `body` to the slot of `code`.
    func update(_ code: UInt32, _ body: (inout FunctionStats) -> Void) {
        ensure(code)
        body(&storage.base[Int(code)])
    }

    /// Adds every function of `other` into this table.
    public func merge(_ other: StatsTable) {
        ensure(UInt32(max(other.count, 1) - 1))
        for i in 0..<other.count { storage.base[i].add(other.storage[unchecked: i]) }
    }

    /// The code ids that have any statistics, with them.
    public func nonEmpty() -> [(code: UInt32, stats: FunctionStats)] {
        (0..<count).compactMap { i in
            let s = storage[unchecked: i]
            return s.isEmpty ? nil : (UInt32(i), s)
        }
    }
}
