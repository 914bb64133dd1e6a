import TraceAnalysis

/// Brendan Gregg's folded-stack format: one line per distinct stack,
/// `outer;inner;leaf value`, read by flamegraph.pl, inferno and speedscope.
package enum FoldedStacksRenderer {
    /// Writes each line, newline included, walking the graph depth first
    /// with children in name order, so that output is stable and only the
    /// current stack's text is held, whatever the graph's size. Stacks whose
    /// value is 0 are left out.
    package static func write(_ graph: FlameGraph, to sink: (UnsafeRawBufferPointer) -> Void) {
        FoldedWalk.writeLines(graph, to: sink, values: value(in: graph))
    }

    /// All lines, in the order ``write(_:to:)`` writes them, without newlines.
    package static func lines(_ graph: FlameGraph) -> [String] {
        FoldedWalk.lines(graph, values: value(in: graph))
    }

    private static func value(in graph: FlameGraph) -> (Int32) -> (UInt64, UInt64?)? {
        // The nodes alone: a closure holding the whole graph copied it per call.
        let nodes = graph.nodes
        return { node in
            let value = nodes[Int(node)].selfValue
            return value > 0 ? (value, nil) : nil
        }
    }
}
