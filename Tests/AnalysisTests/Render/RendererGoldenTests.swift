import Foundation
import PyFrameTestSupport
import Testing
import TraceAnalysis
import TraceRender

/// Every renderer's output for the committed sample trace
/// (Traces/samples/small.lz4), compared whole with a golden file named after
/// its test in Tests/Golden/Render. A change to what a renderer writes shows
/// here as a diff to review; `PYFRAME_UPDATE_GOLDEN=1 swift test --filter
/// RendererGoldenTests` rewrites the files after a change on purpose.
@Suite("Renderer outputs of the sample trace match their golden files")
struct RendererGoldenTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let sample = root.appendingPathComponent("Traces/samples/small.lz4").path
    static let golden = root.appendingPathComponent("Tests/Golden/Render")

    /// The sample, analysed with stacks; its path is written relative to the
    /// repository, so outputs do not depend on where it is checked out.
    static func profiles() throws -> [TraceProfile] {
        var profile = try TraceAnalyzer.analyze(path: sample, options: AnalysisOptions(collectStacks: true))
        profile.path = "Traces/samples/small.lz4"
        return [profile]
    }

    static func report() throws -> ProfileReport {
        try ReportBuilder.build(try profiles(), options: ReportOptions(sort: .self, limit: nil))
    }

    static func flame() throws -> FlameGraph {
        FlameBuilder.build(try profiles(), options: FlameOptions(weight: .time))
    }

    /// Compares `text` with the golden file `name` (rewriting it first when
    /// PYFRAME_UPDATE_GOLDEN=1).
    static func expectGolden(_ text: String, _ name: String) throws {
        let file = golden.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["PYFRAME_UPDATE_GOLDEN"] == "1" {
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        let committed = try String(contentsOf: file, encoding: .utf8)
        #expect(text == committed, "\(name) differs from its golden file; review, then refresh with PYFRAME_UPDATE_GOLDEN=1")
    }

    @Test func reportTable() throws {
        try Self.expectGolden(ReportTableRenderer.render(try Self.report()).joined(separator: "\n") + "\n", "reportTable.txt")
    }

    @Test func reportJSON() throws {
        try Self.expectGolden(ReportJSONRenderer.render(try Self.report()), "reportJSON.json")
    }

    @Test func reportCSV() throws {
        try Self.expectGolden(ReportCSVRenderer.render([try Self.report()]), "reportCSV.csv")
    }

    @Test func flameFolded() throws {
        try Self.expectGolden(FoldedStacksRenderer.lines(try Self.flame()).joined(separator: "\n") + "\n", "flameFolded.txt")
    }

    @Test func flameSVG() throws {
        try Self.expectGolden(FlameSVGRenderer.render(try Self.flame(), title: "pyframe: small.py"), "flameSVG.svg")
    }

    /// The `pyframe html` page with its style and script bodies left out
    /// (they are code, tested in a browser by HTMLBrowserTests) and its
    /// embedded data pretty-printed: the markup and every number it shows.
    @Test func htmlSkeleton() throws {
        let page = try Fixtures.htmlPage(try Self.profiles(), title: "pyframe: small.py")
        try Self.expectGolden(try Self.skeleton(page), "htmlSkeleton.html")
    }

    static func skeleton(_ page: String) throws -> String {
        var out = ""
        var rest = Substring(page)
        let dataOpen = "<script id=\"data\" type=\"application/json\">"
        while let open = rest.range(of: "<style>|<script[^>]*>", options: .regularExpression) {
            let tag = rest[open]
            let closing = tag == "<style>" ? "</style>" : "</script>"
            let close = try #require(rest[open.upperBound...].range(of: closing))
            out += rest[..<open.upperBound]
            let body = rest[open.upperBound..<close.lowerBound]
            if tag == dataOpen {
                let object = try JSONSerialization.jsonObject(with: Data(body.replacingOccurrences(of: "<\\/", with: "</").utf8))
                let pretty = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
                out += "\n" + String(decoding: pretty, as: UTF8.self) + "\n"
            } else {
                out += "…"
            }
            out += closing
            rest = rest[close.upperBound...]
        }
        return out + rest
    }
}
