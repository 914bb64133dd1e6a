import TraceAnalysis

/// A flame graph as a standalone SVG file, drawn by pyframe itself: the
/// root at the bottom, callees above callers, widths proportional to time
/// (or calls), and each frame's full name and value on hover.
package enum FlameSVGRenderer {
    /// The SVG document for `graph`.
    ///
    /// - Parameters:
    ///   - title: the heading (for example the program's command line).
    ///   - width: the image width in pixels.
    package static func render(_ graph: FlameGraph, title: String, width: Int = 1200) -> String {
        var canvas = SVGCanvas(width: width)
        let total = graph.total
        let order = graph.childOrder()
        let layout = FlameLayout(
            rootValue: total, children: { Array(order.of($0)) }, value: { graph.nodes[Int($0)].totalValue },
            minFraction: 0.1 / Double(width))
        let measure = graph.weight == .time ? "self time" : "calls"
        canvas.titles(title, "\(describe(total, graph.weight)) of \(measure); hover a frame for details")
        let depths = layout.maxDepth + 1
        let base = canvas.height(depths: depths) - canvas.bottom
        for box in layout.boxes {
            let y = base - (box.depth + 1) * canvas.frameHeight
            let node = graph.nodes[Int(box.node)]
            let name = box.node == 0 ? "all" : graph.name(of: box.node)
            let share = total == 0 ? 0 : Double(node.totalValue) / Double(total)
            var tooltip = "\(name)\n\(describe(node.totalValue, graph.weight)) (\(DisplayFormat.percent(share)))"
            if box.node != 0 && node.selfValue > 0 {
                tooltip += ", \(describe(node.selfValue, graph.weight)) in the frame itself"
            }
            canvas.frame(x: box.x, y: y, width: box.width, fill: box.node == 0 ? "rgb(220,220,225)" : FlamePalette.hot(name),
                         label: name, tooltip: tooltip)
        }
        return canvas.document(depths: depths)
    }

    static func describe(_ value: UInt64, _ weight: FlameWeight) -> String {
        weight == .time ? DisplayFormat.duration(value) : "\(DisplayFormat.count(value)) calls"
    }
}
