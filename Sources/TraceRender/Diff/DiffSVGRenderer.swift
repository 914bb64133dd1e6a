import TraceAnalysis

/// A differential flame graph: the "after" profile's shape, each frame
/// coloured by how its self time changed — red grew, blue shrank, white
/// unchanged — with both sides' numbers on hover.
package enum DiffSVGRenderer {
    /// The SVG document; `flags` (``DiffFrameFlags``) add a line such as
    /// `patched` or `moved, guess` to the tooltips of those frames.
    package static func render(_ graph: DiffFlameGraph, title: String, width: Int = 1200,
                              flags: [String: String] = [:]) -> String {
        var canvas = SVGCanvas(width: width)
        let root = graph.nodes[0]
        let order = graph.childOrder()
        let layout = FlameLayout(
            rootValue: root.totalValue.after, children: { Array(order.of($0)) }, value: { graph.nodes[Int($0)].totalValue.after },
            minFraction: 0.1 / Double(width))
        // Colour intensity is relative to the largest change of any frame.
        let largest = graph.nodes.dropFirst().map { abs(Double($0.selfValue.after) - Double($0.selfValue.before)) }.max() ?? 0
        let change = Double(root.totalValue.after) - Double(root.totalValue.before)
        let relative = root.totalValue.before > 0 ? " (" + DisplayFormat.signedPercent(change / Double(root.totalValue.before)) + ")" : ""
        canvas.titles(title, "Python time \(DisplayFormat.duration(root.totalValue.before)) → \(DisplayFormat.duration(root.totalValue.after)): \(DisplayFormat.change(change))\(relative)",
                      legend: "widths: after the change; red: self time grew, blue: shrank (deeper = larger change)")
        let depths = layout.maxDepth + 1
        let base = canvas.height(depths: depths) - canvas.bottom
        for box in layout.boxes {
            let node = graph.nodes[Int(box.node)]
            let y = base - (box.depth + 1) * canvas.frameHeight
            let name = box.node == 0 ? "all" : graph.name(of: box.node)
            let selfChange = Double(node.selfValue.after) - Double(node.selfValue.before)
            let totalChange = Double(node.totalValue.after) - Double(node.totalValue.before)
            let flagLine = box.node == 0 ? nil : flags[name]
            let tooltip = """
                \(name)\(flagLine.map { "\n" + $0 } ?? "")
                total \(DisplayFormat.duration(node.totalValue.before)) → \(DisplayFormat.duration(node.totalValue.after)) (\(DisplayFormat.change(totalChange)))
                self \(DisplayFormat.duration(node.selfValue.before)) → \(DisplayFormat.duration(node.selfValue.after)) (\(DisplayFormat.change(selfChange)))
                """
            let fill = FlamePalette.difference(change: selfChange, intensity: largest > 0 ? abs(selfChange) / largest : 0)
            canvas.frame(x: box.x, y: y, width: box.width, fill: fill, label: name, tooltip: tooltip)
        }
        return canvas.document(depths: depths)
    }
}
