import TraceAnalysis

/// Brendan Gregg's folded-stack format: one line per distinct stack,
/// `outer;inner;leaf value`, read by flamegraph.pl, inferno and speedscope.
package enum FoldedStacksRenderer {
    /// Emits each line (without newline) to `emit`, walking the graph depth
    /// first with children in name order, so that output is stable and only
    /// the current stack's text is held, whatever the graph's size. Stacks
    /// whose value is 0 are left out.
    package static func write(_ graph: FlameGraph, to emit: (String) -> Void) {
        FoldedWalk.walk(graph) { node, stack in
            let value = graph.nodes[Int(node)].selfValue
            if value > 0 { emit(stack() + " " + String(value)) }
        }
    }

    /// All lines, in the order ``write(_:to:)`` emits them.
    package static func lines(_ graph: FlameGraph) -> [String] {
        var out: [String] = []
        write(graph) { out.append($0) }
        return out
    }
}
