import Foundation
import PyFrameTestSupport
import Testing
import TraceAnalysis
import TraceFormat
import TraceRender

/// The HTML report's window picker, in headless Chromium: choosing two marks
/// shows the table of what ran between them, the same figures as
/// `--window` (worked out by hand in ``WindowCutTests``).
@Suite(.enabled(if: HeadlessChromium.binary != nil,
                "no chromium binary (chromium or chromium-browser) on PATH: install Debian's chromium to run the browser tests"))
struct HTMLWindowPickerTests {
    /// ``Fixtures/stacks()`` with marks "go" at 15 ns and "stop" at 65 ns.
    static func page() throws -> String {
        var trace = Fixtures.stacks()
        trace.marks = [Mark(thread: 0, time: 15, label: "go"), Mark(thread: 0, time: 65, label: "stop")]
        return try Fixtures.htmlPage([try Fixtures.profile(trace)])
    }

    /// The rows of the picker's table in `dom`: function → [calls, resumes, total, self].
    static func rows(_ dom: String) -> [String: [String]] {
        var out: [String: [String]] = [:]
        for row in dom.components(separatedBy: "<tr class=\"window-row\">").dropFirst() {
            let cells = row.components(separatedBy: "</tr>")[0].components(separatedBy: "</td>").dropLast().map {
                String($0[$0.index(after: $0.lastIndex(of: ">")!)...])
            }
            out[cells[0]] = Array(cells[1...4])
        }
        return out
    }

    @Test func theWholeRunIsShownFirst() throws {
        let page = try #require(HeadlessChromium.load(try Self.page()))
        #expect(page.errors.isEmpty, "console errors: \(page.errors)")
        #expect(!page.dom.contains("id=\"window-picker\" hidden"))
        let rows = Self.rows(page.dom)
        #expect(rows["run (app.py:1)"] == ["1", "0", "100 ns", "58 ns"])
        #expect(rows["work (pool.py:3)"] == ["1", "0", "20 ns", "20 ns"])
        #expect(page.dom.contains("start of the run to end of the run: 100 ns, 120 ns of Python time"))
    }

    @Test func pickingTwoMarksShowsTheirWindow() throws {
        // Choose "go" to "stop" as a user would, once the page has run.
        let pick = """
            <script>
            const f = document.getElementById("window-from"), t = document.getElementById("window-to");
            f.value = "1"; f.dispatchEvent(new Event("change"));
            t.value = "2"; t.dispatchEvent(new Event("change"));
            </script>
            </body>
            """
        let html = try Self.page().replacingOccurrences(of: "</body>", with: pick)
        let page = try #require(HeadlessChromium.load(html))
        #expect(page.errors.isEmpty, "console errors: \(page.errors)")
        #expect(Self.rows(page.dom) == [
            "run (app.py:1)": ["0", "0", "50 ns", "18 ns"],
            "step;odd (app.py:5)": ["1/0", "0", "25 ns", "25 ns"],
            "gen (app.py:9)": ["1/2", "1", "7 ns", "7 ns"],
            "work (pool.py:3)": ["0", "0", "10 ns", "10 ns"],
        ])
        #expect(page.dom.contains("go to stop: 50 ns, 60 ns of Python time"))
    }
}
