import TraceAnalysis

/// Gregg's difffolded format, `stack before after`, one line per stack that
/// has a value on either side; flamegraph.pl draws it as a differential
/// flame graph.
package enum DiffFoldedRenderer {
    /// Emits each line (without newline), depth first with children in name
    /// order, holding only the current stack's text.
    package static func write(_ graph: DiffFlameGraph, to emit: (String) -> Void) {
        FoldedWalk.walk(graph) { node, stack in
            let n = graph.nodes[Int(node)]
            if n.selfValue.before > 0 || n.selfValue.after > 0 { emit("\(stack()) \(n.selfValue.before) \(n.selfValue.after)") }
        }
    }

    /// All lines, in the order ``write(_:to:)`` emits them.
    package static func lines(_ graph: DiffFlameGraph) -> [String] {
        var out: [String] = []
        write(graph) { out.append($0) }
        return out
    }
}
