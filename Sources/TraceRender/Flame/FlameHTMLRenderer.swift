import TraceAnalysis

/// A flame graph as one self-contained HTML file: the data, styles and
/// script are inline, so it opens offline in any browser. Click a frame to
/// zoom into it, search to highlight frames by name.
package enum FlameHTMLRenderer {
    /// The HTML document for `graph`. Frames smaller than `minFraction` of
    /// the whole are left out to keep the file small.
    package static func render(_ graph: FlameGraph, title: String, minFraction: Double = 1e-5) -> String {
        struct Payload: Encodable {
            var title: String
            var unit: String
            var names: [String]
            var nodes: [[UInt64]]
        }
        let chart = FlameChartData(graph, minFraction: minFraction)
        let payload = Payload(title: title, unit: chart.unit, names: chart.names, nodes: chart.nodes)
        return FlameHTMLTemplate.page(title: Markup.xml(title), data: HTMLDocument.json(payload))
    }
}
