import TraceAnalysis

/// The depth-first walk behind folded output: visits every node below the
/// root with the `;`-joined text of its stack, keeping only the current
/// path's bytes (not one string per node), and without recursion, so that
/// deep recursion in the traced program cannot overflow this one's stack.
enum FoldedWalk {
    /// Calls `visit` for each node of `tree` in depth-first order, children
    /// in name order; `visit` gets a function that makes the stack's text,
    /// so nodes it skips cost no string. Each name is escaped for the format
    /// and ranked once, not once per node.
    static func walk<Tree: NamedTree>(_ tree: Tree, visit: (Int32, () -> String) -> Void) {
        let ranks = tree.nameRanks()
        let folded = tree.names.map { Array(Markup.foldedFrame($0).utf8) }
        var pending: [(node: Int32, depth: Int)] = tree.children(of: 0, ranks: ranks).reversed().map { ($0, 0) }
        var text: [UInt8] = []
        var ends: [Int] = []  // ends[d]: bytes of text up to and including depth d
        while let (node, depth) = pending.popLast() {
            ends.removeLast(ends.count - depth)
            text.removeLast(text.count - (depth == 0 ? 0 : ends[depth - 1]))
            if depth > 0 { text.append(UInt8(ascii: ";")) }
            text.append(contentsOf: folded[Int(tree.nodes[Int(node)].name)])
            ends.append(text.count)
            visit(node) { String(decoding: text, as: UTF8.self) }
            pending += tree.children(of: node, ranks: ranks).reversed().map { ($0, depth + 1) }
        }
    }
}
