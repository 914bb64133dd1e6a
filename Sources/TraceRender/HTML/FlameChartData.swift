import TraceAnalysis

/// A flame graph as the HTML chart reads it: frame names, and one
/// `[parent, name, width, self, …]` array per frame, parents first.
///
/// Frames smaller than a fraction of the whole are left out so that a
/// program with millions of distinct stacks still makes a file a browser opens.
struct FlameChartData: Encodable {
    /// Frame names, indexed by the second field of a node.
    var names: [String] = []
    /// `[parent, name, width, self]`, plus `[before total, before self]` in a diff.
    var nodes: [[UInt64]] = []
    /// `ns` or `calls`: what widths measure.
    var unit: String

    /// The chart of `graph`, dropping frames under `minFraction` of the total.
    init(_ graph: FlameGraph, minFraction: Double = 1e-5) {
        self.init(unit: graph.weight == .time ? "ns" : "calls", order: graph.nodesInNameOrder(), minFraction: minFraction, total: graph.total,
                  parent: { graph.nodes[$0].parent }, name: { graph.names[Int(graph.nodes[$0].name)] },
                  values: { [graph.nodes[$0].totalValue, graph.nodes[$0].selfValue] })
    }

    /// The chart of a differential graph: widths are the after side; each
    /// node also carries the before side's total and self, for colouring.
    init(_ graph: DiffFlameGraph, minFraction: Double = 1e-5) {
        let root = graph.nodes[0]
        self.init(unit: graph.weight == .time ? "ns" : "calls", order: graph.nodesInNameOrder(), minFraction: minFraction,
                  total: max(root.totalValue.after, root.totalValue.before), parent: { graph.nodes[$0].parent },
                  name: { graph.name(of: Int32($0)) },
                  values: { i in
                      let n = graph.nodes[i]
                      return [n.totalValue.after, n.selfValue.after, n.totalValue.before, n.selfValue.before]
                  })
    }

    /// Keeps node 0 and every node whose parent is kept and whose largest
    /// value is at least `minFraction` of `total`, visiting nodes in `order`
    /// (parents first; name order, so that the page is the same on every
    /// run); renumbers nodes and names densely in that order.
    private init(unit: String, order: [Int32], minFraction: Double, total: UInt64, parent: (Int) -> Int32,
                 name: (Int) -> String, values: (Int) -> [UInt64]) {
        self.unit = unit
        let whole = Double(max(total, 1))
        var keep = [Int32](repeating: -1, count: order.count)
        var nameIds: [String: Int] = [:]
        for node in order {
            let i = Int(node)
            let v = values(i)
            guard i == 0 || (keep[Int(parent(i))] >= 0 && Double(v.max() ?? 0) / whole >= minFraction) else { continue }
            keep[i] = Int32(nodes.count)
            var nameId = 0
            if i > 0 {
                let text = name(i)
                if let existing = nameIds[text] {
                    nameId = existing
                } else {
                    nameId = names.count
                    nameIds[text] = nameId
                    names.append(text)
                }
            }
            let p = i == 0 ? 0 : UInt64(keep[Int(parent(i))])
            nodes.append([p, UInt64(nameId)] + v)
        }
    }
}
