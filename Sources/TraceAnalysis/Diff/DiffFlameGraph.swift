/// Two flame graphs laid over each other: every stack with its value before
/// and after, for Gregg's difffolded format and differential flame graphs.
public struct DiffFlameGraph: NamedTree, Sendable {
    /// One frame in one stack, with both sides' values.
    public struct Node: NamedTreeNode, Sendable {
        /// Index into ``DiffFlameGraph/names``; -1 for the root.
        public var name: Int32
        /// Parent node; -1 for the root. Always smaller than the node's index.
        public var parent: Int32
        /// First child, -1 when none.
        public var firstChild: Int32
        /// Next sibling, -1 for the last.
        public var nextSibling: Int32
        /// Value of the stack ending here, before and after.
        public var selfBefore: UInt64
        /// Value of the stack ending here, after.
        public var selfAfter: UInt64
        /// Value of the subtree, before and after.
        public var totalBefore: UInt64
        /// Value of the subtree, after.
        public var totalAfter: UInt64
    }

    /// Frame names.
    public private(set) var names: [String] = []
    /// Nodes; node 0 is the root.
    public private(set) var nodes: [Node] = [Node(name: -1, parent: -1, firstChild: -1, nextSibling: -1, selfBefore: 0,
                                                   selfAfter: 0, totalBefore: 0, totalAfter: 0)]
    /// What the values measure.
    public var weight: FlameWeight

    /// Lays `after` over `before` (both built without version marks).
    /// `beforeName` and `afterName` rename each side's frames first, so that
    /// a function that moved (other line or file) is one frame, named as its
    /// diff row (``ProfileDiff/beforeFrameName(_:)``).
    public init(before: FlameGraph, after: FlameGraph, beforeName: (String) -> String = { $0 },
                afterName: (String) -> String = { $0 }) {
        weight = after.weight
        var nameIndex: [String: Int32] = [:]
        var childIndex: [Int64: Int32] = [:]
        func child(_ parent: Int32, _ name: String) -> Int32 {
            let id: Int32
            if let existing = nameIndex[name] {
                id = existing
            } else {
                id = Int32(names.count)
                names.append(name)
                nameIndex[name] = id
            }
            let key = Int64(parent) << 32 | Int64(id)
            if let node = childIndex[key] { return node }
            let node = Int32(nodes.count)
            nodes.append(Node(name: id, parent: parent, firstChild: -1, nextSibling: nodes[Int(parent)].firstChild,
                              selfBefore: 0, selfAfter: 0, totalBefore: 0, totalAfter: 0))
            nodes[Int(parent)].firstChild = node
            childIndex[key] = node
            return node
        }
        for (graph, isAfter) in [(before, false), (after, true)] {
            var map = [Int32](repeating: 0, count: graph.nodes.count)
            let rename = isAfter ? afterName : beforeName
            let renamed = graph.names.map(rename)
            for i in 1..<max(graph.nodes.count, 1) {
                let n = graph.nodes[i]
                let mine = child(map[Int(n.parent)], renamed[Int(n.name)])
                map[i] = mine
                if isAfter { nodes[Int(mine)].selfAfter += n.selfValue } else { nodes[Int(mine)].selfBefore += n.selfValue }
            }
        }
        for i in nodes.indices {
            nodes[i].totalBefore = nodes[i].selfBefore
            nodes[i].totalAfter = nodes[i].selfAfter
        }
        for i in nodes.indices.reversed() where i > 0 {
            let p = Int(nodes[i].parent)
            nodes[p].totalBefore += nodes[i].totalBefore
            nodes[p].totalAfter += nodes[i].totalAfter
        }
    }

    /// The children of `node`, ordered by name.
    public func children(of node: Int32) -> [Int32] {
        var out: [Int32] = []
        var child = nodes[Int(node)].firstChild
        while child >= 0 {
            out.append(child)
            child = nodes[Int(child)].nextSibling
        }
        return out.sorted { names[Int(nodes[Int($0)].name)] < names[Int(nodes[Int($1)].name)] }
    }

}
