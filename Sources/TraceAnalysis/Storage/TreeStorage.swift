/// The plain-memory records of a ``CallTree`` and its child index.
///
/// A tree holds at most `limit` nodes for distinct stacks. Past that, a new
/// stack is attributed to an "other stacks" node (code ``CallTree/otherStacks``)
/// under its deepest caller already in the tree, and everything called from
/// there lands in that same node, so memory stays bounded on pathological
/// traces while every nanosecond is still counted once.
struct TreeStorage {
    /// The fields the per-event loop touches, one record per node.
    var nodes = PodArray<NodeRecord>(repeating: NodeRecord(code: UInt32.max), count: 1, capacity: 256)
    /// Each node's parent (-1 for the root): read only when nodes are added,
    /// merged or named, so kept out of the records.
    var parents = PodArray<Int32>(repeating: -1, count: 1, capacity: 256)
    var table = NodeTable()
    /// Most nodes for real stacks.
    var limit: Int
    /// Set once a stack was grouped into an "other stacks" node.
    var overflowed = false

    init(limit: Int) {
        self.limit = max(limit, 1)
    }

    func deallocate() {
        nodes.deallocate()
        parents.deallocate()
        table.deallocate()
    }

    /// Number of nodes, the root included.
    var count: Int { nodes.count }

    /// The child of `parent` for `code`, created when missing.
    @inline(__always)
    mutating func child(of parent: Int32, code: UInt32) -> Int32 {
        let caller = nodes.base + Int(parent)
        let last = caller.pointee.lastChild
        if last != 0 && nodes[Int(last)].code == code { return last }
        let key = NodeTable.key(parent: parent, code: code)
        var found = table.find(key)
        if found < 0 { found = addChild(key, parent: parent, code: code) }
        // The answer for (parent, code) never changes: nodes are only added,
        // and once the tree is full it stays full.
        nodes.base[Int(parent)].lastChild = found
        return found
    }

    @inline(never)
    private mutating func addChild(_ key: UInt64, parent: Int32, code: UInt32) -> Int32 {
        // Everything below an "other stacks" node stays in it.
        if nodes[Int(parent)].code == CallTree.otherStacks { return parent }
        guard nodes.count < limit || code == CallTree.otherStacks else {
            overflowed = true
            return child(of: parent, code: CallTree.otherStacks)
        }
        let node = Int32(nodes.count)
        nodes.append(NodeRecord(code: code))
        parents.append(parent)
        table.insert(key, node)
        return node
    }
}
