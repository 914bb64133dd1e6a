/// A node of a tree stored as an array: its name's index and its parent's.
public protocol NamedTreeNode {
    /// Index into the tree's names (-1 for the root).
    var name: Int32 { get }
    /// Index of the parent node (-1 for the root).
    var parent: Int32 { get }
}

/// A tree of named nodes in an array, node 0 the root: the shape of flame
/// graphs and differential flame graphs, which spell out stacks the same way.
public protocol NamedTree {
    associatedtype Node: NamedTreeNode
    /// The nodes; 0 is the root.
    var nodes: [Node] { get }
    /// The frame names nodes refer to.
    var names: [String] { get }
}

extension NamedTree {
    /// The frame names from the outermost frame down to `node`.
    public func stack(of node: Int32) -> [String] { path(of: node, in: names) }

    /// The name of `node` (empty for the root).
    public func name(of node: Int32) -> String {
        node > 0 ? names[Int(nodes[Int(node)].name)] : ""
    }

    /// The names (from `table`, indexed like ``names``) from the outermost
    /// frame down to `node`.
    func path(of node: Int32, in table: [String]) -> [String] {
        var out: [String] = []
        var n = node
        while n > 0 {
            out.append(table[Int(nodes[Int(n)].name)])
            n = nodes[Int(n)].parent
        }
        return out.reversed()
    }
}
