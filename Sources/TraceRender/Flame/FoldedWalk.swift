/// The depth-first walk behind folded output: visits every node below the
/// root with the `;`-joined text of its stack, keeping only the current
/// path's bytes (not one string per node), and without recursion, so that
/// deep recursion in the traced program cannot overflow this one's stack.
enum FoldedWalk {
    /// Calls `visit` for each node in depth-first order, children in the
    /// order `children` gives; `visit` gets a function that makes the stack's
    /// text, so nodes it skips cost no string.
    static func walk(root: Int32, children: (Int32) -> [Int32], frame: (Int32) -> String,
                     visit: (Int32, () -> String) -> Void) {
        var pending: [(node: Int32, depth: Int)] = children(root).reversed().map { ($0, 0) }
        var text: [UInt8] = []
        var ends: [Int] = []  // ends[d]: bytes of text up to and including depth d
        while let (node, depth) = pending.popLast() {
            ends.removeLast(ends.count - depth)
            text.removeLast(text.count - (depth == 0 ? 0 : ends[depth - 1]))
            if depth > 0 { text.append(UInt8(ascii: ";")) }
            text.append(contentsOf: frame(node).utf8)
            ends.append(text.count)
            visit(node) { String(decoding: text, as: UTF8.self) }
            pending += children(node).reversed().map { ($0, depth + 1) }
        }
    }
}
