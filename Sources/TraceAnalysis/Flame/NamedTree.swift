import Glibc

/// One frame in one stack of a flame graph, with the value of the stack
/// that ends here (self) and of everything under it (total): a ``FlameGraph``
/// counts one value (`UInt64`), a ``DiffFlameGraph`` two (``BeforeAfter``).
///
/// Children are linked, not arrays, to keep millions of nodes small.
public struct FlameNode<Value: AdditiveArithmetic & Sendable>: Sendable {
    /// Index into the tree's names; -1 for the root.
    public var name: Int32
    /// Parent node; -1 for the root. Always smaller than the node's own index.
    public var parent: Int32
    /// First child, -1 when none.
    public var firstChild: Int32
    /// Next sibling, -1 for the last.
    public var nextSibling: Int32
    /// Value of the stack ending here (self time, or calls).
    public var selfValue: Value = .zero
    /// Value of this node and everything under it.
    public var totalValue: Value = .zero

    /// The root of an empty tree.
    static var root: FlameNode { FlameNode(name: -1, parent: -1, firstChild: -1, nextSibling: -1) }
}

/// A tree of named nodes in an array, node 0 the root: the shape of flame
/// graphs and differential flame graphs, which spell out stacks the same way.
public protocol NamedTree {
    associatedtype Value: AdditiveArithmetic & Sendable
    /// The nodes; 0 is the root.
    var nodes: [FlameNode<Value>] { get }
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

    /// The children of `node`, ordered by name: the order every renderer
    /// draws and lists them in, so output is stable.
    public func children(of node: Int32) -> [Int32] {
        linkedChildren(of: node).sorted { names[Int(nodes[Int($0)].name)] < names[Int(nodes[Int($1)].name)] }
    }

    /// Each name's place in name order. Renderers that visit every node
    /// order children by it (``childOrder()``): comparing strings for each
    /// node's children was most of the time of writing a large flame graph,
    /// and its few thousand names are sorted once instead.
    public func nameRanks() -> [Int32] {
        var ranks = [Int32](repeating: 0, count: names.count)
        // ASCII names (nearly always) sort as bytes, which is the order of
        // `<` on them; strings compared as such cost a thousand instructions
        // a comparison (half of writing a folded graph of 9,000 stacks).
        // All names' bytes in one buffer, compared with memcmp: an array per
        // name and a byte-by-byte comparison were half of this.
        var bytes: [UInt8] = []
        var ends: [Int] = []
        ends.reserveCapacity(names.count)
        for name in names {
            bytes.append(contentsOf: name.utf8)
            ends.append(bytes.count)
        }
        let order: [Int]
        if !bytes.contains(where: { $0 >= 0x80 }) {
            order = bytes.withUnsafeBufferPointer { all in
                names.indices.sorted { a, b in
                    let aStart = a == 0 ? 0 : ends[a - 1], bStart = b == 0 ? 0 : ends[b - 1]
                    let aCount = ends[a] - aStart, bCount = ends[b] - bStart
                    let common = memcmp(all.baseAddress! + aStart, all.baseAddress! + bStart, min(aCount, bCount))
                    return common != 0 ? common < 0 : aCount < bCount
                }
            }
        } else {
            order = names.indices.sorted { names[$0] < names[$1] }
        }
        for (rank, name) in order.enumerated() {
            ranks[name] = Int32(rank)
        }
        return ranks
    }

    /// Every node's children in the order of ``children(of:)``, for
    /// renderers that visit the whole tree (see ``ChildOrder``).
    @inlinable public func childOrder() -> ChildOrder { ChildOrder(self) }

    /// Every node, parents before children and siblings in name order (a
    /// depth-first walk of ``childOrder()``): an order that does not depend
    /// on the order in which parallel jobs merged their trees, which node
    /// numbers do, so output listing nodes in it is the same on every run.
    public func nodesInNameOrder() -> [Int32] {
        guard !nodes.isEmpty else { return [] }
        let order = childOrder()
        var out: [Int32] = []
        out.reserveCapacity(nodes.count)
        var pending: [Int32] = [0]
        while let node = pending.popLast() {
            out.append(node)
            pending.append(contentsOf: order.of(node).reversed())
        }
        return out
    }

    private func linkedChildren(of node: Int32) -> [Int32] {
        var out: [Int32] = []
        var child = nodes[Int(node)].firstChild
        while child >= 0 {
            out.append(child)
            child = nodes[Int(child)].nextSibling
        }
        return out
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

extension Array where Element == String {
    /// The index of `name`, appended when `index` (name → index) has none;
    /// `isNew` says it was.
    mutating func intern(_ name: String, index: inout [String: Int32]) -> (id: Int32, isNew: Bool) {
        if let existing = index[name] { return (existing, false) }
        let id = Int32(count)
        append(name)
        index[name] = id
        return (id, true)
    }
}

extension Array {
    /// The child of `parent` with name index `name`, linked in and added
    /// (with zero values) when `index` (parent and name → node) has none.
    mutating func child<Value>(of parent: Int32, name: Int32, index: inout [Int64: Int32]) -> Int32
    where Element == FlameNode<Value> {
        let key = Int64(parent) << 32 | Int64(name)
        if let node = index[key] { return node }
        let node = Int32(count)
        append(FlameNode(name: name, parent: parent, firstChild: -1, nextSibling: self[Int(parent)].firstChild))
        self[Int(parent)].firstChild = node
        index[key] = node
        return node
    }

    /// Sets every node's total from the self values, children before their
    /// parents (a parent's index is always smaller).
    mutating func computeTotals<Value>() where Element == FlameNode<Value> {
        for i in indices { self[i].totalValue = self[i].selfValue }
        for i in indices.reversed() where i > 0 {
            self[Int(self[i].parent)].totalValue += self[i].totalValue
        }
    }
}
