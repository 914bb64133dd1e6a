import TraceAnalysis

/// A differential flame graph: the "after" profile's shape, each frame
/// coloured by how its self time changed — red grew, blue shrank, white
/// unchanged — with both sides' numbers on hover.
public enum DiffSVGRenderer {
    /// The SVG document; `flags` (``DiffFrameFlags``) add a line such as
    /// `patched` or `moved, guess` to the tooltips of those frames.
    public static func render(_ graph: DiffFlameGraph, title: String, width: Int = 1200,
                              flags: [String: String] = [:]) -> String {
        var canvas = SVGCanvas(width: width)
        let root = graph.nodes[0]
        let layout = FlameLayout(
            rootValue: root.totalAfter, children: graph.children(of:), value: { graph.nodes[Int($0)].totalAfter },
            minFraction: 0.1 / Double(width))
        // Colour intensity is relative to the largest change of any frame.
        let largest = graph.nodes.dropFirst().map { abs(Double($0.selfAfter) - Double($0.selfBefore)) }.max() ?? 0
        let change = Double(root.totalAfter) - Double(root.totalBefore)
        let relative = root.totalBefore > 0 ? " (" + DisplayFormat.signedPercent(change / Double(root.totalBefore)) + ")" : ""
        canvas.titles(title, "Python time \(DisplayFormat.duration(root.totalBefore)) → \(DisplayFormat.duration(root.totalAfter)): \(DisplayFormat.change(change))\(relative)",
                      legend: "widths: after the change; red: self time grew, blue: shrank (deeper = larger change)")
        let depths = layout.maxDepth + 1
        let base = canvas.height(depths: depths) - canvas.bottom
        for box in layout.boxes {
            let node = graph.nodes[Int(box.node)]
            let y = base - (box.depth + 1) * canvas.frameHeight
            let name = box.node == 0 ? "all" : graph.name(of: box.node)
            let selfChange = Double(node.selfAfter) - Double(node.selfBefore)
            let totalChange = Double(node.totalAfter) - Double(node.totalBefore)
            let flagLine = box.node == 0 ? nil : flags[name]
            let tooltip = """
                \(name)\(flagLine.map { "\n" + $0 } ?? "")
                total \(DisplayFormat.duration(node.totalBefore)) → \(DisplayFormat.duration(node.totalAfter)) (\(DisplayFormat.change(totalChange)))
                self \(DisplayFormat.duration(node.selfBefore)) → \(DisplayFormat.duration(node.selfAfter)) (\(DisplayFormat.change(selfChange)))
                """
            let fill = FlamePalette.difference(change: selfChange, intensity: largest > 0 ? abs(selfChange) / largest : 0)
            canvas.frame(x: box.x, y: y, width: box.width, fill: fill, label: name, tooltip: tooltip)
        }
        return canvas.document(depths: depths)
    }
}
