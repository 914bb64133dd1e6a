/// A tree of named frames with a value per distinct stack: what every flame
/// output (folded stacks, SVG, HTML, the terminal's hottest stacks) is drawn from.
///
/// Unlike ``CallTree``, whose frames are code ids of one trace, frames here
/// are names, so stacks of several threads, processes or runs merge.
public struct FlameGraph: NamedTree, Sendable {
    /// One frame in one stack.
    public struct Node: NamedTreeNode, Sendable {
        /// Index into ``FlameGraph/names``; -1 for the root.
        public var name: Int32
        /// Parent node; -1 for the root. Always smaller than the node's own index.
        public var parent: Int32
        /// Value of the stack ending here (self time, or calls).
        public var selfValue: UInt64
        /// Value of this node and everything under it.
        public var totalValue: UInt64
        /// First child, -1 when none (children are linked, not arrays, to
        /// keep millions of nodes small).
        public var firstChild: Int32
        /// Next sibling, -1 for the last.
        public var nextSibling: Int32
    }

    /// Frame names (`qualname (file:line)`).
    public private(set) var names: [String] = []
    /// Short frame names (`qualname`), parallel to ``names``, for terminal output.
    public private(set) var shortNames: [String] = []
    /// Frame locations (`file:line`, or empty), parallel to ``names``.
    public private(set) var locations: [String] = []
    /// Nodes; node 0 is the root.
    public private(set) var nodes: [Node] = [Node(name: -1, parent: -1, selfValue: 0, totalValue: 0,
                                                   firstChild: -1, nextSibling: -1)]
    /// What the values measure.
    public var weight: FlameWeight

    private var nameIndex: [String: Int32] = [:]
    private var childIndex: [ChildKey: Int32] = [:]

    /// The frame name of stacks grouped beyond a call tree's limit.
    public static let otherStacksName = "[other stacks]"

    /// An empty graph.
    public init(weight: FlameWeight) {
        self.weight = weight
    }

    /// The sum of all values.
    public var total: UInt64 { nodes[0].totalValue }

    /// The child of `parent` named `name`, created when missing; `short` is
    /// the name's short form (defaults to the name), `location` its `file:line`.
    public mutating func child(of parent: Int32, named name: String, short: String? = nil,
                               location: String = "") -> Int32 {
        let nameId: Int32
        if let existing = nameIndex[name] {
            nameId = existing
        } else {
            nameId = Int32(names.count)
            names.append(name)
            shortNames.append(short ?? name)
            locations.append(location)
            nameIndex[name] = nameId
        }
        let key = ChildKey(parent: parent, name: nameId)
        if let node = childIndex[key] { return node }
        let node = Int32(nodes.count)
        nodes.append(Node(name: nameId, parent: parent, selfValue: 0, totalValue: 0,
                          firstChild: -1, nextSibling: nodes[Int(parent)].firstChild))
        nodes[Int(parent)].firstChild = node
        childIndex[key] = node
        return node
    }

    /// The children of `node`, ordered by name: the order every renderer
    /// draws and lists them in, so output is stable.
    public func children(of node: Int32) -> [Int32] {
        var out: [Int32] = []
        var child = nodes[Int(node)].firstChild
        while child >= 0 {
            out.append(child)
            child = nodes[Int(child)].nextSibling
        }
        return out.sorted { names[Int(nodes[Int($0)].name)] < names[Int(nodes[Int($1)].name)] }
    }

    /// Adds `value` to the stack ending at `node`.
    public mutating func add(_ value: UInt64, to node: Int32) {
        nodes[Int(node)].selfValue += value
    }

    /// Recomputes every node's total from the self values.
    public mutating func computeTotals() {
        for i in nodes.indices { nodes[i].totalValue = nodes[i].selfValue }
        for i in nodes.indices.reversed() where i > 0 {
            nodes[Int(nodes[i].parent)].totalValue += nodes[i].totalValue
        }
    }

    /// The short frame names from the outermost frame down to `node`.
    public func shortStack(of node: Int32) -> [String] { path(of: node, in: shortNames) }

    /// The graph with every value divided by `divisor` (rounded down): the
    /// mean of several runs.
    public func divided(by divisor: UInt64) -> FlameGraph {
        guard divisor > 1 else { return self }
        var copy = self
        for i in copy.nodes.indices { copy.nodes[i].selfValue /= divisor }
        copy.computeTotals()
        return copy
    }

    private struct ChildKey: Hashable {
        var parent: Int32
        var name: Int32
    }
}
