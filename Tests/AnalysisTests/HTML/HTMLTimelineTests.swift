import Foundation
import Testing
import TraceAnalysis
import TraceFormat
import TraceRender

/// The HTML timeline draws child processes where they ran, paused threads as
/// one lane with a span per window, and mark labels that do not overlap.
@Suite struct HTMLTimelineTests {
    /// The data the page's script draws (the JSON in `<script id="data">`).
    static func data(_ html: String) throws -> [String: Any] {
        let start = try #require(html.range(of: "<script id=\"data\" type=\"application/json\">"))
        let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        let text = html[start.upperBound..<end.lowerBound].replacingOccurrences(of: "<\\/", with: "</")
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// The parent runs 0–100 ns from its origin; a pool worker's origin is
    /// 41.6 ms later on the same clock (CLOCK_MONOTONIC), so its threads and
    /// its mark belong 41.6 ms into the page's timeline, not at 0.
    @Test func childProcessesAreDrawnAtTheirRealStart() throws {
        let parent = try Fixtures.profile(Fixtures.stacks())
        var childTrace = Fixtures.stacks()
        childTrace.process.pid = 4343
        childTrace.process.originMonotonicNs += 41_600_000
        childTrace.process.startWallNs += 41_600_000
        var child = try Fixtures.profile(childTrace)
        child.marks = [Mark(thread: 0, time: 15, label: "in the worker")]
        let data = try Self.data(try Fixtures.htmlPage([parent, child]))
        let threads = try #require(data["threads"] as? [[String: Any]])
        let spans = threads.map { "\($0["pid"]!) \($0["name"]!) \($0["spans"]!)" }
        #expect(threads.map { $0["pid"] as? Int } == [4242, 4242, 4343, 4343])
        #expect(threads.map { $0["spans"] as? [[Int]] } == [
            [[0, 100]], [[5, 100]], [[41_600_000, 41_600_100]], [[41_600_005, 41_600_100]],
        ], "\(spans)")
        #expect(data["duration_ns"] as? Int == 41_600_100)
        let marks = try #require(data["marks"] as? [[String: Any]])
        #expect(marks.map { $0["time_ns"] as? Int } == [41_600_015])
    }

    @Test func aPausedThreadIsOneLaneWithASpanPerWindow() throws {
        let data = try Self.data(try Fixtures.htmlPage([try Fixtures.profile(PausedRecordingTests.paused())]))
        let threads = try #require(data["threads"] as? [[String: Any]])
        #expect(threads.map { $0["name"] as? String } == ["MainThread", "worker"])
        #expect(threads[0]["spans"] as? [[Int]] == [[10_000_000, 40_000_000], [60_000_000, 100_000_000]])
        #expect(threads[0]["streams"] as? [Int] == [0, 1])
    }

    /// Five long labels within a few pixels of each other: three rows, the
    /// last two hidden (their lines keep them as tooltips); a far one stays
    /// on the first row.
    @Test(.enabled(if: HeadlessChromium.binary != nil, "no chromium binary on PATH"))
    func overlappingMarkLabelsAreStackedOrThinned() throws {
        var profile = try Fixtures.profile(Fixtures.stacks())
        profile.marks = (0..<5).map { Mark(thread: 0, time: UInt64(10 + $0), label: "a rather long label number \($0)") }
            + [Mark(thread: 0, time: 95, label: "far")]
        let page = try #require(HeadlessChromium.load(try Fixtures.htmlPage([profile])))
        #expect(page.errors.isEmpty, "console errors: \(page.errors)")
        let dom = page.dom
        #expect(HeadlessChromium.count("class=\"mark-line\"", in: dom) == 6)
        #expect(HeadlessChromium.count("data-row=\"0\"", in: dom) == 2)
        #expect(HeadlessChromium.count("data-row=\"1\"", in: dom) == 1)
        #expect(HeadlessChromium.count("data-row=\"2\"", in: dom) == 1)
        #expect(HeadlessChromium.count("class=\"mark-label thinned\"", in: dom) == 2)
    }
}
