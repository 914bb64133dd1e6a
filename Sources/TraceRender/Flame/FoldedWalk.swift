import TraceAnalysis

/// The depth-first walk behind folded output: visits every node below the
/// root with the `;`-joined text of its stack, keeping only the current
/// path's bytes (not one string per node), and without recursion, so that
/// deep recursion in the traced program cannot overflow this one's stack.
enum FoldedWalk {
    /// Calls `visit` for each node of `tree` in depth-first order, children
    /// in name order, with the stack's text as UTF-8 bytes (valid only during
    /// the call). Each name is escaped for the format once, not once per
    /// node, and children are ordered once for the whole tree.
    static func walk<Tree: NamedTree>(_ tree: Tree, visit: (Int32, UnsafeBufferPointer<UInt8>) -> Void) {
        let order = tree.childOrder()
        let folded = tree.names.map { Array(Markup.foldedFrame($0).utf8) }
        var pending: [(node: Int32, depth: Int)] = order.of(0).reversed().map { ($0, 0) }
        var text: [UInt8] = []
        var ends: [Int] = []  // ends[d]: bytes of text up to and including depth d
        while let (node, depth) = pending.popLast() {
            ends.removeLast(ends.count - depth)
            text.removeLast(text.count - (depth == 0 ? 0 : ends[depth - 1]))
            if depth > 0 { text.append(UInt8(ascii: ";")) }
            text.append(contentsOf: folded[Int(tree.nodes[Int(node)].name)])
            ends.append(text.count)
            text.withUnsafeBufferPointer { visit(node, $0) }
            for child in order.of(node).reversed() { pending.append((child, depth + 1)) }
        }
    }

    /// Writes a folded output's lines (each stack's text, then its values,
    /// then a newline) through one large buffer to `sink`, for the stacks
    /// `values` gives numbers for. No `String` is made per line: on a trace
    /// of 1,600 functions the strings were a sixth of `pyframe flame`.
    static func writeLines<Tree: NamedTree>(_ tree: Tree, to sink: (UnsafeRawBufferPointer) -> Void,
                                            values: (Int32) -> (UInt64, UInt64?)?) {
        withoutActuallyEscaping(sink) { sink in
            var out = ExportBuffer(sink: sink)
            walk(tree) { node, text in
                guard let (first, second) = values(node) else { return }
                out.append(text)
                out.reserve(2 * 21 + 1)  // " value", twice at most, and the newline
                out.append(0x20)
                out.append(decimal: first)
                if let second {
                    out.append(0x20)
                    out.append(decimal: second)
                }
                out.append(0x0A)
            }
            out.finish()
        }
    }

    /// The lines ``writeLines(_:to:values:)`` writes, without their newlines.
    static func lines<Tree: NamedTree>(_ tree: Tree, values: (Int32) -> (UInt64, UInt64?)?) -> [String] {
        var bytes: [UInt8] = []
        writeLines(tree, to: { bytes += $0 }, values: values)
        return bytes.split(separator: 0x0A).map { String(decoding: $0, as: UTF8.self) }
    }
}
