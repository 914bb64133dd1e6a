import TraceAnalysis

/// `pyframe flame` on a terminal: the hottest stacks, each with its share,
/// readable without any viewer.
package enum HotStacksRenderer {
    /// The `limit` stacks with the largest values, as lines.
    package static func render(_ graph: FlameGraph, limit: Int, title: String) -> [String] {
        let leaves = (1..<max(graph.nodes.count, 1)).filter { graph.nodes[$0].selfValue > 0 }
            .sorted { a, b in
                let (x, y) = (graph.nodes[a].selfValue, graph.nodes[b].selfValue)
                return x != y ? x > y : a < b
            }
        let total = graph.total
        let unit = graph.weight == .time ? "self time" : "calls"
        var out = [title, "hottest \(min(limit, leaves.count)) of \(DisplayFormat.count(leaves.count)) stacks by \(unit) (all: \(value(total, graph.weight)))", ""]
        guard !leaves.isEmpty else {
            out.append("  (no stacks were recorded)")
            return out
        }
        var text = TextTable([.init("share"), .init(graph.weight == .time ? "self" : "calls"), .init("stack (outermost → innermost)", right: false)])
        for i in leaves.prefix(limit) {
            let node = graph.nodes[i]
            let share = total == 0 ? 0 : Double(node.selfValue) / Double(total)
            text.add([DisplayFormat.percent(share), value(node.selfValue, graph.weight), describe(graph, Int32(i))])
        }
        out += text.lines()
        if leaves.count > limit { out.append("  … \(leaves.count - limit) more stacks (--limit 0 shows all)") }
        return out
    }

    /// Short names joined by arrows, the middle elided when deep, and the
    /// innermost frame's location.
    static func describe(_ graph: FlameGraph, _ node: Int32) -> String {
        var frames = graph.shortStack(of: node)
        if frames.count > 9 {
            frames = Array(frames.prefix(3)) + ["…\(frames.count - 8) frames…"] + Array(frames.suffix(5))
        }
        let location = graph.locations[Int(graph.nodes[Int(node)].name)]
        return frames.joined(separator: " → ") + (location.isEmpty ? "" : "  (\(location))")
    }

    static func value(_ v: UInt64, _ weight: FlameWeight) -> String {
        weight == .time ? DisplayFormat.duration(v) : DisplayFormat.count(v)
    }
}
