/// The tree of call stacks seen on one thread, keyed by code id, with the
/// self time and call count of every distinct stack.
///
/// Flame graphs are drawn from it. Its size grows with the number of
/// distinct stacks, never with the number of events. Node 0 is the root (no
/// frame); every other node is one frame under its parent, and a parent's
/// index is always smaller than its children's.
public final class CallTree: @unchecked Sendable {
    /// The storage, taken by value into the per-event loop and put back after
    /// each chunk (see ``ChunkAggregator``).
    var storage: TreeStorage

    /// The root's index.
    public static let root: Int32 = 0

    /// The code of nodes that group the stacks beyond the tree's limit.
    public static let otherStacks = UInt32.max - 1

    /// The default bound on distinct stacks per tree: far above what real
    /// programs produce, low enough that a pathological trace stays in memory.
    public static let defaultLimit = 1 << 19

    /// An empty tree holding at most `limit` distinct stacks.
    public init(limit: Int = CallTree.defaultLimit) {
        storage = TreeStorage(limit: limit)
    }

    /// True when stacks beyond the limit were grouped into "other stacks" nodes.
    public var overflowed: Bool { storage.overflowed }

    deinit { storage.free() }

    /// Number of nodes, the root included.
    public var count: Int { storage.count }

    /// Code id of `node`'s frame (the root's is `UInt32.max`).
    public func code(of node: Int32) -> UInt32 { storage.codes[unchecked: Int(node)] }

    /// Parent of `node` (-1 for the root).
    public func parent(of node: Int32) -> Int32 { storage.parents[unchecked: Int(node)] }

    /// Nanoseconds during which `node`'s stack was the innermost one.
    public func selfNs(of node: Int32) -> UInt64 { storage.selfNs(of: node) }

    /// Entries of kind `call` that created `node`'s stack.
    public func calls(of node: Int32) -> UInt64 { storage.calls(of: node) }

    /// Entries of kind `resume` (generator or coroutine resumed) into `node`'s stack.
    public func resumes(of node: Int32) -> UInt64 { storage.resumes(of: node) }

    /// The node for a whole stack of code ids, outermost first (created when missing).
    public func node(forStack stack: some Sequence<UInt32>) -> Int32 {
        var node = CallTree.root
        for code in stack { node = storage.child(of: node, code: code) }
        return node
    }

    /// Adds self time to a node.
    public func addSelf(_ node: Int32, _ ns: UInt64) { storage.addSelf(node, ns) }

    /// Adds every stack of `other` into this tree.
    public func merge(_ other: CallTree) {
        let o = other.storage
        var map = [Int32](repeating: 0, count: o.count)
        for i in 0..<o.count {
            let node = i == 0 ? CallTree.root : storage.child(of: map[Int(o.parents[unchecked: i])], code: o.codes[unchecked: i])
            map[i] = node
            let theirs = Int32(i)
            storage.add(node, selfNs: o.selfNs(of: theirs), calls: o.calls(of: theirs), resumes: o.resumes(of: theirs))
        }
        if o.overflowed { storage.overflowed = true }
    }

    /// The code ids from the outermost frame down to `node`.
    public func stack(of node: Int32) -> [UInt32] {
        var out: [UInt32] = []
        var n = node
        while n > 0 {
            out.append(storage.codes[unchecked: Int(n)])
            n = storage.parents[unchecked: Int(n)]
        }
        return out.reversed()
    }

    /// Every distinct stack with its self time and calls, as code-id paths
    /// (for tests and comparisons; renderers walk the nodes instead).
    public func stacks() -> [(stack: [UInt32], selfNs: UInt64, calls: UInt64)] {
        (1..<count).map { i in
            (stack(of: Int32(i)), storage.selfNs(of: Int32(i)), storage.calls(of: Int32(i)))
        }
    }
}
