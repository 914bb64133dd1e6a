/// The plain-memory columns of a ``CallTree`` and its child index.
///
/// A tree holds at most `limit` nodes for distinct stacks. Past that, a new
/// stack is attributed to an "other stacks" node (code ``CallTree/otherStacks``)
/// under its deepest caller already in the tree, and everything called from
/// there lands in that same node, so memory stays bounded on pathological
/// traces while every nanosecond is still counted once.
struct TreeStorage {
    var codes = PodArray<UInt32>(repeating: UInt32.max, count: 1, capacity: 256)
    var parents = PodArray<Int32>(repeating: -1, count: 1, capacity: 256)
    var selfNs = PodArray<UInt64>(repeating: 0, count: 1, capacity: 256)
    var calls = PodArray<UInt64>(repeating: 0, count: 1, capacity: 256)
    var resumes = PodArray<UInt64>(repeating: 0, count: 1, capacity: 256)
    var table = NodeTable()
    /// Per node, the child found last: its code in the high half, its node + 1
    /// in the low half (0: none yet). A loop calls the same callee from the
    /// same place over and over; the memo answers those entries from memory
    /// 8 bytes a node, without probing the child table (3 MiB and more for
    /// 100,000 nodes, a cache miss per entry).
    var memo = PodArray<UInt64>(repeating: 0, count: 1, capacity: 256)
    /// Most nodes for real stacks.
    var limit: Int
    /// Set once a stack was grouped into an "other stacks" node.
    var overflowed = false

    init(limit: Int) {
        self.limit = max(limit, 1)
    }

    func deallocate() {
        codes.deallocate()
        parents.deallocate()
        selfNs.deallocate()
        calls.deallocate()
        resumes.deallocate()
        table.deallocate()
        memo.deallocate()
    }

    /// The child of `parent` for `code`, created when missing.
    @inline(__always)
    mutating func child(of parent: Int32, code: UInt32) -> Int32 {
        let last = memo[Int(parent)]
        if last != 0 && UInt32(truncatingIfNeeded: last >> 32) == code {
            return Int32(truncatingIfNeeded: last) &- 1
        }
        let key = NodeTable.key(parent: parent, code: code)
        var found = table.find(key)
        if found < 0 { found = addChild(key, parent: parent, code: code) }
        // The answer for (parent, code) never changes: nodes are only added,
        // and once the tree is full it stays full.
        memo[Int(parent)] = UInt64(code) << 32 | UInt64(UInt32(bitPattern: found &+ 1))
        return found
    }

    @inline(never)
    private mutating func addChild(_ key: UInt64, parent: Int32, code: UInt32) -> Int32 {
        // Everything below an "other stacks" node stays in it.
        if codes[Int(parent)] == CallTree.otherStacks { return parent }
        guard codes.count < limit || code == CallTree.otherStacks else {
            overflowed = true
            return child(of: parent, code: CallTree.otherStacks)
        }
        let node = Int32(codes.count)
        codes.append(code)
        parents.append(parent)
        selfNs.append(0)
        calls.append(0)
        resumes.append(0)
        memo.append(0)
        table.insert(key, node)
        return node
    }
}
