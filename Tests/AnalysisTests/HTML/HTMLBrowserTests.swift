import Foundation
import PyFrameTestSupport
import Testing
import TraceAnalysis
import TraceFormat
import TraceRender

/// The HTML report and diff pages opened in headless Chromium: the scripts
/// run without errors and build the table rows, the flame graph frames and
/// the marks timeline.
@Suite(.enabled(if: HeadlessChromium.binary != nil,
                "no chromium binary (chromium or chromium-browser) on PATH: install Debian's chromium to run the browser tests"))
struct HTMLBrowserTests {
    /// The stacks fixture with two marks, one per thread.
    static func markedProfile() throws -> TraceProfile {
        var profile = try Fixtures.profile(Fixtures.stacks())
        profile.marks = [Mark(thread: 0, time: 15, label: "before patch"), Mark(thread: 1, time: 20, label: "after <patch>")]
        return profile
    }

    @Test func reportRendersInTheBrowser() throws {
        let html = try Fixtures.htmlPage([try Self.markedProfile()])
        for needle in ["src=", "href=", "http://", "https://", "@import"] {
            #expect(!html.contains(needle), "the page refers to the network: \(needle)")
        }
        let page = try #require(HeadlessChromium.load(html))
        #expect(page.status == 0)
        #expect(page.errors.isEmpty, "console errors: \(page.errors)")
        let dom = page.dom
        // Four functions: run, step;odd, gen, work.
        #expect(HeadlessChromium.count("<tr class=\"fn-row\"", in: dom) == 4)
        #expect(dom.contains("step;odd (app.py:5)"))
        // Flame frames: root, run, step;odd, step;odd, gen, work.
        #expect(HeadlessChromium.frames(in: dom) == 6)
        #expect(dom.contains("id=\"flame-chart\""))
        // Marks: a list row each, and a line on each thread's lane.
        #expect(HeadlessChromium.count("class=\"mark-row\"", in: dom) == 2)
        #expect(HeadlessChromium.count("class=\"mark-line\"", in: dom) == 2)
        #expect(HeadlessChromium.count("class=\"lane\"", in: dom) == 2)
        #expect(dom.contains("after &lt;patch&gt;"))
        #expect(dom.contains("id=\"summary\"") && dom.contains("No loss"))
        // Sortable headers for every numeric column.
        for key in ["calls", "resumes", "total_ns", "self_ns", "self_per_call_ns", "total_per_primitive_call_ns", "max_ns", "self_share"] {
            #expect(dom.contains("data-key=\"\(key)\""), "no \(key) column")
        }
    }

    @Test func lossesAreSaidPlainly() throws {
        var trace = Fixtures.stacks()
        trace.end = nil
        let html = try Fixtures.htmlPage([try Fixtures.profile(trace)])
        let page = try #require(HeadlessChromium.load(html))
        #expect(page.errors.isEmpty, "console errors: \(page.errors)")
        #expect(page.dom.contains("class=\"loss some\""))
        #expect(page.dom.contains("The program marked no instants"))
    }

    @Test func diffRendersInTheBrowser() throws {
        let (diff, graph) = try Fixtures.patchedDiff()
        let html = HTMLDiffRenderer.render(diff, graph: graph, title: "diff </script>")
        let page = try #require(HeadlessChromium.load(html))
        #expect(page.status == 0)
        #expect(page.errors.isEmpty, "console errors: \(page.errors)")
        #expect(HeadlessChromium.count("<tr class=\"fn-row", in: page.dom) == diff.rows.count)
        #expect(page.dom.contains("class=\"flag patched\""))
        #expect(page.dom.contains("class=\"flag vanished\""))
        // The patched function's bytecode, before and after side by side.
        #expect(HeadlessChromium.count("<details class=\"patch\"", in: page.dom) == 1)
        #expect(page.dom.contains("<summary>helper (app.py:10)  "))
        #expect(page.dom.contains("RETURN_VALUE"))
        // Frames are coloured: red for helper's growth, blue for what vanished or shrank.
        #expect(HeadlessChromium.frames(in: page.dom) >= 3)
        #expect(page.dom.contains("rgb(255, 45, 45)"))
    }
}
