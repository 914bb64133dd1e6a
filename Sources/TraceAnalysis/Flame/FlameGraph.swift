/// A tree of named frames with a value per distinct stack: what every flame
/// output (folded stacks, SVG, HTML, the terminal's hottest stacks) is drawn from.
///
/// Unlike ``CallTree``, whose frames are code ids of one trace, frames here
/// are names, so stacks of several threads, processes or runs merge.
public struct FlameGraph: NamedTree, Sendable {
    /// One frame in one stack.
    public typealias Node = FlameNode<UInt64>

    /// Frame names (`qualname (file:line)`).
    public private(set) var names: [String] = []
    /// Short frame names (`qualname`), parallel to ``names``, for terminal output.
    public private(set) var shortNames: [String] = []
    /// Frame locations (`file:line`, or empty), parallel to ``names``.
    public private(set) var locations: [String] = []
    /// Nodes; node 0 is the root.
    public private(set) var nodes: [Node] = [.root]
    /// What the values measure.
    public var weight: FlameWeight

    private var nameIndex: [String: Int32] = [:]
    private var childIndex: [Int64: Int32] = [:]

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
        child(of: parent, nameId: nameId(name, short: short, location: location))
    }

    /// The child of `parent` whose name has id `nameId` (from ``nameId(_:short:location:)``),
    /// created when missing: a builder that knows its names' ids finds
    /// children without hashing a string per node.
    public mutating func child(of parent: Int32, nameId: Int32) -> Int32 {
        nodes.child(of: parent, name: nameId, index: &childIndex)
    }

    /// The id of the frame name `name`, added with its short form and location when new.
    public mutating func nameId(_ name: String, short: String? = nil, location: String = "") -> Int32 {
        let (id, isNew) = names.intern(name, index: &nameIndex)
        if isNew {
            shortNames.append(short ?? name)
            locations.append(location)
        }
        return id
    }

    /// Makes room for `count` nodes and `names` frame names at once (a
    /// builder that knows the size of its trees grew the nodes and their
    /// index a dozen times, the names' index as many).
    public mutating func reserve(nodes count: Int, names: Int = 0) {
        nodes.reserveCapacity(count)
        childIndex.reserveCapacity(count)
        nameIndex.reserveCapacity(names)
    }

    /// Adds `value` to the stack ending at `node`.
    public mutating func add(_ value: UInt64, to node: Int32) {
        nodes[Int(node)].selfValue += value
    }

    /// Recomputes every node's total from the self values.
    public mutating func computeTotals() { nodes.computeTotals() }

    /// The short frame names from the outermost frame down to `node`.
    public func shortStack(of node: Int32) -> [String] { path(of: node, in: shortNames) }

    /// The graph with every value divided by `divisor` (rounded down): the
    /// mean of several runs.
    public func divided(by divisor: UInt64) -> FlameGraph {
        guard divisor > 1 else { return self }
        var copy = self
        for i in copy.nodes.indices { copy.nodes[i].selfValue /= divisor }
        copy.nodes.computeTotals()
        return copy
    }
}
