import TraceAnalysis

/// What the HTML diff page's script draws, embedded as JSON: the rows of
/// `diff --format json` (``DiffRowJSON``, patched ones with their
/// side-by-side bytecode) and the differential flame graph.
struct HTMLDiffData: Encodable {
    /// ``JSONSchema/page``.
    var schema = JSONSchema.page
    var title: String
    var functions: [DiffRowJSON]
    var flame: FlameChartData
    /// Frame name → `patched`, `moved`, `appeared` … for the flame graph's tooltips.
    var frameFlags: [String: String]
    /// What the tests compare and how they are corrected; nil without tests.
    var method: String?

    enum CodingKeys: String, CodingKey {
        case schema, title, functions, flame, method
        case frameFlags = "frame_flags"
    }

    /// The page data for `diff` and its differential graph.
    init(title: String, diff: ProfileDiff, graph: DiffFlameGraph) {
        self.title = title
        functions = DiffRowJSON.rows(diff, showBytecode: true, width: 150)
        flame = FlameChartData(graph)
        frameFlags = DiffFrameFlags.of(diff)
        method = SignificanceText.method(diff)
    }
}
