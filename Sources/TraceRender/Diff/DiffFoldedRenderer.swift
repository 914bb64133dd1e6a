import TraceAnalysis

/// Gregg's difffolded format, `stack before after`, one line per stack that
/// has a value on either side; flamegraph.pl draws it as a differential
/// flame graph.
package enum DiffFoldedRenderer {
    /// Writes each line, newline included, depth first with children in
    /// name order, holding only the current stack's text.
    package static func write(_ graph: DiffFlameGraph, to sink: (UnsafeRawBufferPointer) -> Void) {
        FoldedWalk.writeLines(graph, to: sink, values: values(in: graph))
    }

    /// All lines, in the order ``write(_:to:)`` writes them, without newlines.
    package static func lines(_ graph: DiffFlameGraph) -> [String] {
        FoldedWalk.lines(graph, values: values(in: graph))
    }

    private static func values(in graph: DiffFlameGraph) -> (Int32) -> (UInt64, UInt64?)? {
        { node in
            let value = graph.nodes[Int(node)].selfValue
            return value.before > 0 || value.after > 0 ? (value.before, value.after) : nil
        }
    }
}
