/// Two flame graphs laid over each other: every stack with its value before
/// and after, for Gregg's difffolded format and differential flame graphs.
package struct DiffFlameGraph: NamedTree, Sendable {
    /// One frame in one stack, with both sides' values.
    package typealias Node = FlameNode<BeforeAfter>

    /// Frame names.
    package private(set) var names: [String] = []
    /// Nodes; node 0 is the root.
    package private(set) var nodes: [Node] = [.root]
    /// What the values measure.
    package var weight: FlameWeight

    /// Lays `after` over `before` (both built without version marks).
    /// `beforeName` and `afterName` rename each side's frames first, so that
    /// a function that moved (other line or file) is one frame, named as its
    /// diff row (``ProfileDiff/beforeFrameName(_:)``).
    package init(before: FlameGraph, after: FlameGraph, beforeName: (String) -> String = { $0 },
                afterName: (String) -> String = { $0 }) {
        weight = after.weight
        var nameIndex: [String: Int32] = [:]
        var childIndex: [Int64: Int32] = [:]
        func child(_ parent: Int32, _ name: String) -> Int32 {
            nodes.child(of: parent, name: names.intern(name, index: &nameIndex).id, index: &childIndex)
        }
        for (graph, isAfter) in [(before, false), (after, true)] {
            var map = [Int32](repeating: 0, count: graph.nodes.count)
            let rename = isAfter ? afterName : beforeName
            let renamed = graph.names.map(rename)
            for i in 1..<max(graph.nodes.count, 1) {
                let n = graph.nodes[i]
                let mine = child(map[Int(n.parent)], renamed[Int(n.name)])
                map[i] = mine
                nodes[Int(mine)].selfValue += isAfter ? BeforeAfter(before: 0, after: n.selfValue)
                                                      : BeforeAfter(before: n.selfValue, after: 0)
            }
        }
        nodes.computeTotals()
    }
}
