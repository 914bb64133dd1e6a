import Foundation
import TraceAnalysis

/// A flame graph as one self-contained HTML file: the data, styles and
/// script are inline, so it opens offline in any browser. Click a frame to
/// zoom into it, search to highlight frames by name.
public enum FlameHTMLRenderer {
    /// The HTML document for `graph`. Frames smaller than `minFraction` of
    /// the whole are left out to keep the file small.
    public static func render(_ graph: FlameGraph, title: String, minFraction: Double = 1e-5) -> String {
        let total = Double(max(graph.total, 1))
        var keep = [Int32](repeating: -1, count: graph.nodes.count)
        var nodes: [[UInt64]] = []
        var names: [String] = []
        var nameIds: [Int32: Int] = [:]
        for (i, node) in graph.nodes.enumerated() {
            guard i == 0 || (keep[Int(node.parent)] >= 0 && Double(node.totalValue) / total >= minFraction) else { continue }
            keep[i] = Int32(nodes.count)
            var nameId = 0
            if i > 0 {
                if let existing = nameIds[node.name] {
                    nameId = existing
                } else {
                    nameId = names.count
                    nameIds[node.name] = nameId
                    names.append(graph.names[Int(node.name)])
                }
            }
            let parent = i == 0 ? 0 : UInt64(keep[Int(node.parent)])
            nodes.append([parent, UInt64(nameId), node.totalValue, node.selfValue])
        }
        struct Payload: Encodable {
            var title: String
            var unit: String
            var names: [String]
            var nodes: [[UInt64]]
        }
        let payload = Payload(title: title, unit: graph.weight == .time ? "ns" : "calls", names: names, nodes: nodes)
        let json = String(decoding: (try? JSONEncoder().encode(payload)) ?? Data("{}".utf8), as: UTF8.self)
            // Inside <script>, "</" could end the element early.
            .replacingOccurrences(of: "</", with: "<\\/")
        return FlameHTMLTemplate.page(title: Markup.xml(title), data: json)
    }
}
