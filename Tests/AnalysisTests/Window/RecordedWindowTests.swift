import Foundation
import PyFrameTestSupport
import Testing
import TraceAnalysis
import TraceRender

/// `--window start..done` on a recorded program whose marks split known
/// work: 7 calls of `before`, then 11 of `inside` between the marks, then 5
/// of `after`.
@Suite(.serialized) struct RecordedWindowTests {
    static let script = """
        import pyframe
        def before(): return sum(range(100))
        def inside(): return sum(range(100))
        def after(): return sum(range(100))
        for _ in range(7): before()
        pyframe.mark("start")
        for _ in range(11): inside()
        pyframe.mark("done")
        for _ in range(5): after()
        """

    static let recorded: String? = PyFrameTool.record(script)

    static func json(_ text: String) -> Any? { try? JSONSerialization.jsonObject(with: Data(text.utf8)) }

    @Test func reportCountsOnlyTheWorkBetweenTheMarks() throws {
        let trace = try #require(Self.recorded)
        let result = try #require(PyFrameTool.pyframe(["report", "--format", "json", "--limit", "0", "--window", "start..done", trace]))
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try #require((Self.json(result.stdout) as? [String: Any])?["functions"] as? [[String: Any]])
        var calls: [String: Int] = [:]
        for row in rows { calls[row["qualname"] as? String ?? ""] = row["calls"] as? Int }
        #expect(calls["inside"] == 11)
        #expect(calls["before"] == nil && calls["after"] == nil)
        // The module body ran through the window, entered before it.
        #expect(calls["<module>"] == 0)
    }

    @Test func chromeExportHoldsOnlyTheWindowsFrames() throws {
        let trace = try #require(Self.recorded)
        let result = try #require(PyFrameTool.pyframe(["export", "--format", "chrome", "--window", "start..done", trace]))
        #expect(result.status == 0, "\(result.stderr)")
        let events = try #require((Self.json(result.stdout) as? [String: Any])?["traceEvents"] as? [[String: Any]])
        let frames = events.filter { $0["ph"] as? String == "X" }.compactMap { ($0["name"] as? String)?.split(separator: " ").first.map(String.init) }
        #expect(frames.filter { $0 == "inside" }.count == 11)
        #expect(!frames.contains("before") && !frames.contains("after"))
        #expect(result.stderr.contains("only the window mark \"start\" … mark \"done\""))
    }

    @Test func treeAndFlameShowTheWindow() throws {
        let trace = try #require(Self.recorded)
        let tree = try #require(PyFrameTool.pyframe(["tree", "--min-share", "0", "--window", "start..done", trace]))
        #expect(tree.status == 0, "\(tree.stderr)")
        #expect(tree.stdout.contains("inside  fixture.py:3  (11 calls)"))
        #expect(!tree.stdout.contains("before  fixture.py") && !tree.stdout.contains("after  fixture.py"))
        let flame = try #require(PyFrameTool.pyframe(["flame", "--format", "folded", "--weight", "calls", "--window", "start..done", trace]))
        #expect(flame.status == 0, "\(flame.stderr)")
        let lines = flame.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("<module> (fixture.py:1);inside (fixture.py:3) 11") }, "\(lines)")
        #expect(!flame.stdout.contains("before (") && !flame.stdout.contains("after ("))
    }
}
