/// The children of every node of a ``NamedTree`` in name order, found in
/// two counting passes over the nodes (by name rank, then stably by
/// parent): sorting each node's children on its own made an array and a
/// comparison closure per node (a fifth of writing the folded stacks of a
/// trace with 9,000 of them). Inlinable, so that it is compiled for each
/// kind of tree: generic, each node's read was a call.
public struct ChildOrder: Sendable {
    /// Node `p`'s children are `children[starts[p]..<starts[p + 1]]`.
    @usableFromInline let starts: [Int32]
    @usableFromInline let children: [Int32]

    /// The order of `tree`'s children.
    @inlinable init<Tree: NamedTree>(_ tree: Tree) {
        let ranks = tree.nameRanks()
        let nodes = tree.nodes  // once: through the protocol, each read retained the array
        let n = nodes.count
        // Nodes below the root by name rank.
        var perRank = [Int32](repeating: 0, count: ranks.count + 1)
        for i in 1..<n { perRank[Int(ranks[Int(nodes[i].name)]) + 1] += 1 }
        for r in 0..<ranks.count { perRank[r + 1] += perRank[r] }
        var byRank = [Int32](repeating: 0, count: max(n - 1, 0))
        for i in 1..<n {
            let r = Int(ranks[Int(nodes[i].name)])
            byRank[Int(perRank[r])] = Int32(i)
            perRank[r] += 1
        }
        // Then by parent, keeping rank order among siblings.
        var starts = [Int32](repeating: 0, count: n + 1)
        for i in 1..<n { starts[Int(nodes[i].parent) + 1] += 1 }
        for p in 0..<n { starts[p + 1] += starts[p] }
        var next = starts
        var children = [Int32](repeating: 0, count: max(n - 1, 0))
        for node in byRank {
            let p = Int(nodes[Int(node)].parent)
            children[Int(next[p])] = node
            next[p] += 1
        }
        self.starts = starts
        self.children = children
    }

    /// The children of `node`, in name order.
    @inlinable public func of(_ node: Int32) -> ArraySlice<Int32> {
        children[Int(starts[Int(node)])..<Int(starts[Int(node) + 1])]
    }
}
