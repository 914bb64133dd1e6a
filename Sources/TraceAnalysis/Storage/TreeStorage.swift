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
    }

    /// The child of `parent` for `code`, created when missing.
    @inline(__always)
    mutating func child(of parent: Int32, code: UInt32) -> Int32 {
        let key = NodeTable.key(parent: parent, code: code)
        let found = table.find(key)
        if found >= 0 { return found }
        return addChild(key, parent: parent, code: code)
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
        table.insert(key, node)
        return node
    }
}
