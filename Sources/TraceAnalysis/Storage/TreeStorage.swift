import TraceFormat

/// The plain-memory records of a ``CallTree`` and its child index.
///
/// A tree holds at most `limit` nodes for distinct stacks. Past that, a new
/// stack is attributed to an "other stacks" node (code ``CallTree/otherStacks``)
/// under its deepest caller already in the tree, and everything called from
/// there lands in that same node, so memory stays bounded on pathological
/// traces while every nanosecond is still counted once.
///
/// Children are found in four steps, each dearer than the one before: the
/// caller's last child (in its record), the child that followed that one
/// last time (``follows``), the caller's own list of up to
/// ``maxListed`` children (one or a few cache lines that stay warm while the
/// caller runs), and for callers with more children a hash table. A table of
/// every edge was a cache miss per entry on trees of 100,000 nodes, since
/// the siblings of one caller landed on unrelated lines.
struct TreeStorage {
    /// Callers with more children than this keep them in ``table``.
    static let maxListed = 32

    /// The fields the per-event loop touches, one record per node.
    var nodes = GrowableBuffer<NodeRecord>(repeating: NodeRecord(), count: 1, capacity: 256)
    /// Each node's code id (`UInt32.max` for the root).
    var codes = GrowableBuffer<UInt32>(repeating: UInt32.max, count: 1, capacity: 256)
    /// Where each node's children are listed in ``lists`` (0: no child
    /// yet), or -1 when it has more than ``maxListed`` and they are found
    /// through the table.
    var listed = GrowableBuffer<Int32>(repeating: 0, count: 1, capacity: 256)
    /// Per node, the sibling entered after it last time, as `code << 32 |
    /// node` (0: none): the answer tried when the caller's last child is
    /// not the one asked for. A caller that goes round a few callees (A B C
    /// A B C …) missed its last child four times in five on richards and
    /// searched its list each time; the callee after A is B again.
    var follows = GrowableBuffer<UInt64>(repeating: 0, count: 1, capacity: 256)
    /// The low 32 bits of each node's entries of kind `resume` (generator
    /// or coroutine resumed): rarer than calls, so out of the records.
    var resumes = GrowableBuffer<UInt32>(repeating: 0, count: 1, capacity: 256)
    /// Each node's parent (-1 for the root): read only when nodes are added,
    /// merged or named, so kept out of the records.
    var parents = GrowableBuffer<Int32>(repeating: -1, count: 1, capacity: 256)
    /// Child lists: at a node's ``listed`` offset, a header (capacity in the
    /// high half, count in the low half), then `code << 32 | child` per
    /// child. A full list moves to a fresh block of twice the capacity
    /// (the old block is left unused: at most as much again). Offset 0 is
    /// never a list.
    var lists = GrowableBuffer<UInt64>(repeating: 0, count: 1, capacity: 256)
    /// The children of callers with more than ``maxListed`` of them.
    var table = NodeTable()
    /// The high bits of the counts of the nodes whose counts passed 32 bits
    /// (see ``NodeRecord``): met once per 4 billion entries, or 4.3 s of
    /// self time, of one stack, so a dictionary off the per-event loop's path.
    var carries: [Int32: Carry] = [:]
    /// Most nodes for real stacks.
    var limit: Int
    /// Set once a stack was grouped into an "other stacks" node.
    var overflowed = false

    init(limit: Int) {
        self.limit = max(limit, 1)
    }

    func free() {
        nodes.free()
        codes.free()
        listed.free()
        parents.free()
        lists.free()
        follows.free()
        resumes.free()
        table.free()
    }

    /// Number of nodes, the root included.
    var count: Int { nodes.count }

    /// The child of `parent` for `code`, created when missing.
    @inline(__always)
    mutating func child(of parent: Int32, code: UInt32) -> Int32 {
        let caller = nodes.base + Int(parent)
        let last = caller.pointee.lastChild
        if caller.pointee.lastCode == code && last != 0 { return last }
        // An "other stacks" node is its own child: its follower would
        // answer for its parent's children.
        let sibling = last != 0 && last != parent
        if sibling {
            let next = follows[unchecked: Int(last)]
            if UInt32(truncatingIfNeeded: next >> 32) == code && UInt32(truncatingIfNeeded: next) != 0 {
                let found = Int32(truncatingIfNeeded: next)
                caller.pointee.lastCode = code
                caller.pointee.lastChild = found
                return found
            }
        }
        let list = Int(listed[unchecked: Int(parent)])
        var found = list >= 0 ? find(code, inList: list) : table.find(NodeTable.key(parent: parent, code: code))
        if found < 0 { found = addChild(parent: parent, code: code) }
        // The answer for (parent, code) never changes: nodes are only added,
        // and once the tree is full it stays full. (The records may have
        // moved while a child was added.)
        if sibling { follows[unchecked: Int(last)] = UInt64(code) << 32 | UInt64(UInt32(bitPattern: found)) }
        let updated = nodes.base + Int(parent)
        updated.pointee.lastCode = code
        updated.pointee.lastChild = found
        return found
    }

    /// The high bits of a node's counts, past the 32 kept in its record
    /// and in ``resumes``.
    struct Carry {
        /// Multiples of 2³² ns.
        var selfNs: UInt64 = 0
        var calls: UInt32 = 0
        var resumes: UInt32 = 0
    }

    /// Adds `ns` to `node`'s self time.
    @inline(__always)
    mutating func addSelf(_ node: Int32, _ ns: UInt64) {
        let record = nodes.base + Int(node)
        let sum = UInt64(record.pointee.selfNs) &+ ns
        record.pointee.selfNs = UInt32(truncatingIfNeeded: sum)
        if _slowPath(sum >> 32 != 0) { carries[node, default: Carry()].selfNs &+= sum >> 32 }
    }

    /// Counts one entry of kind `call` into `node`.
    @inline(__always)
    mutating func countCall(_ node: Int32) {
        let record = nodes.base + Int(node)
        record.pointee.calls &+= 1
        if _slowPath(record.pointee.calls == 0) { carries[node, default: Carry()].calls &+= 1 }
    }

    /// Counts one entry of kind `resume` into `node`.
    @inline(__always)
    mutating func countResume(_ node: Int32) {
        let count = resumes[unchecked: Int(node)] &+ 1
        resumes[unchecked: Int(node)] = count
        if _slowPath(count == 0) { carries[node, default: Carry()].resumes &+= 1 }
    }

    /// Nanoseconds during which `node`'s stack was the innermost one.
    func selfNs(of node: Int32) -> UInt64 {
        let high = carries.isEmpty ? 0 : carries[node]?.selfNs ?? 0
        return high << 32 | UInt64(nodes[unchecked: Int(node)].selfNs)
    }

    /// Entries of kind `call` into `node`'s stack.
    func calls(of node: Int32) -> UInt64 {
        let high = carries.isEmpty ? 0 : carries[node]?.calls ?? 0
        return UInt64(high) << 32 | UInt64(nodes[unchecked: Int(node)].calls)
    }

    /// Entries of kind `resume` into `node`'s stack.
    func resumes(of node: Int32) -> UInt64 {
        let high = carries.isEmpty ? 0 : carries[node]?.resumes ?? 0
        return UInt64(high) << 32 | UInt64(resumes[unchecked: Int(node)])
    }

    /// Adds another tree's counts to `node`'s (merging trees).
    mutating func add(_ node: Int32, selfNs: UInt64, calls: UInt64, resumes: UInt64) {
        let total = (selfNs: self.selfNs(of: node) &+ selfNs, calls: self.calls(of: node) &+ calls,
                     resumes: self.resumes(of: node) &+ resumes)
        let record = nodes.base + Int(node)
        record.pointee.selfNs = UInt32(truncatingIfNeeded: total.selfNs)
        record.pointee.calls = UInt32(truncatingIfNeeded: total.calls)
        self.resumes[unchecked: Int(node)] = UInt32(truncatingIfNeeded: total.resumes)
        let carry = Carry(selfNs: total.selfNs >> 32, calls: UInt32(truncatingIfNeeded: total.calls >> 32),
                          resumes: UInt32(truncatingIfNeeded: total.resumes >> 32))
        if carry.selfNs != 0 || carry.calls != 0 || carry.resumes != 0 { carries[node] = carry }
    }

    /// The child for `code` in the list at `offset`, or -1.
    @inline(__always)
    private func find(_ code: UInt32, inList offset: Int) -> Int32 {
        guard offset > 0 else { return -1 }
        let entries = lists.base + offset
        let n = Int(UInt32(truncatingIfNeeded: entries.pointee))
        var i = 1
        while i <= n {
            let entry = entries[i]
            if UInt32(truncatingIfNeeded: entry >> 32) == code { return Int32(truncatingIfNeeded: entry) }
            i += 1
        }
        return -1
    }

    @inline(never)
    private mutating func addChild(parent: Int32, code: UInt32) -> Int32 {
        // Everything below an "other stacks" node stays in it.
        if codes[unchecked: Int(parent)] == CallTree.otherStacks { return parent }
        guard nodes.count < limit || code == CallTree.otherStacks else {
            overflowed = true
            return child(of: parent, code: CallTree.otherStacks)
        }
        let node = Int32(nodes.count)
        nodes.append(NodeRecord())
        codes.append(code)
        listed.append(0)
        follows.append(0)
        resumes.append(0)
        parents.append(parent)
        link(node, code: code, under: parent)
        return node
    }

    /// Records `node` as `parent`'s child for `code`: in the parent's list,
    /// or in the table once the list would pass ``maxListed``.
    private mutating func link(_ node: Int32, code: UInt32, under parent: Int32) {
        var offset = Int(listed[unchecked: Int(parent)])
        if offset < 0 {
            table.insert(NodeTable.key(parent: parent, code: code), node)
            return
        }
        let entry = UInt64(code) << 32 | UInt64(UInt32(bitPattern: node))
        if offset == 0 {
            offset = newList(capacity: 4)
            listed[unchecked: Int(parent)] = Int32(offset)
        }
        var header = lists[unchecked: offset]
        let count = Int(UInt32(truncatingIfNeeded: header))
        let capacity = Int(header >> 32)
        if count == capacity {
            if capacity >= TreeStorage.maxListed {
                for i in 1...count {
                    let e = lists[unchecked: offset + i]
                    table.insert(NodeTable.key(parent: parent, code: UInt32(truncatingIfNeeded: e >> 32)),
                                 Int32(truncatingIfNeeded: e))
                }
                table.insert(NodeTable.key(parent: parent, code: code), node)
                listed[unchecked: Int(parent)] = -1
                return
            }
            let moved = newList(capacity: capacity * 2)
            for i in 1...count { lists[unchecked: moved + i] = lists[unchecked: offset + i] }
            offset = moved
            listed[unchecked: Int(parent)] = Int32(offset)
            header = UInt64(capacity * 2) << 32 | UInt64(count)
        }
        lists[unchecked: offset + 1 + count] = entry
        lists[unchecked: offset] = header + 1
    }

    /// Appends an empty list of `capacity` children; returns its offset.
    private mutating func newList(capacity: Int) -> Int {
        let offset = lists.count
        lists.extend(to: offset + 1 + capacity, with: 0)
        lists[unchecked: offset] = UInt64(capacity) << 32
        return offset
    }
}
