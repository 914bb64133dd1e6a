import Foundation
import PyFrameTestSupport
import Testing

/// `pyframe diff TRACE --versions` and `--split-at MARK` on a run that
/// patches two functions in its middle: one from a notebook-style cell, one
/// through `__code__.replace`. Counts on both sides come from the
/// `sys.setprofile` oracle, split at the same mark.
@Suite(.serialized) struct WithinOneTraceDiffTests {
    static let script = """
        import pyframe


        def leaf(i):
            return i + 1


        def work(n):
            total = 0
            for i in range(n):
                total += leaf(i)
            return total


        def steady():
            return leaf(2)


        CELL = '''
        def work(n):
            total = 0
            for i in range(0, n, 4):
                total += leaf(i)
            return total
        '''

        for _ in range(12):
            work(40)
            steady()
        pyframe.mark("patched")
        ns = {"leaf": leaf}
        exec(compile(CELL, "<cell-7>", "exec"), ns)
        work.__code__ = ns["work"].__code__
        steady.__code__ = steady.__code__.replace(co_consts=tuple(3 if c == 2 else c for c in steady.__code__.co_consts))
        for _ in range(9):
            work(40)
            steady()
        pyframe.mark("end of work")
        """

    static func trace() throws -> String {
        try #require(PyFrameTool.record(script, name: "nb.py"))
    }

    static func row(_ rows: [[String: Any]], _ qualname: String) throws -> [String: Any] {
        let matching = rows.filter { $0["qualname"] as? String == qualname }
        #expect(matching.count == 1, "\(qualname): \(matching.count) rows")
        return try #require(matching.first)
    }

    @Test func versionsComparesEachPatchedFunctionsVersionsPerActivation() throws {
        let trace = try Self.trace()
        let (object, rows) = try DiffIdentityTests.rows([trace, "--versions"])
        #expect(object["kind"] as? String == "versions" && object["basis"] as? String == "activations")
        #expect(rows.count == 2)
        let oracle = try CallOracle.counts(Self.script, name: "nb.py").total
        let work = try Self.row(rows, "work")
        #expect(work["name"] as? String == "work (nb.py:8 → <cell-7>:2) [v1 → v2]")
        #expect(work["versions"] as? [Int] == [1, 2] && work["patched"] as? Bool == true)
        #expect(work["calls_before"] as? Int == oracle["nb.py|work|8"] && oracle["nb.py|work|8"] == 12)
        #expect(work["calls_after"] as? Int == oracle["<cell-7>|work|2"] && oracle["<cell-7>|work|2"] == 9)
        #expect(work["activations_before"] as? Int == 12 && work["activations_after"] as? Int == 9)
        let steady = try Self.row(rows, "steady")
        #expect(steady["name"] as? String == "steady (nb.py:15) [v1 → v2]")
        // Both versions share file, name and line: the oracle counts them as one code key.
        #expect((steady["calls_before"] as? Int ?? 0) + (steady["calls_after"] as? Int ?? 0) == oracle["nb.py|steady|15"])
        #expect(steady["calls_before"] as? Int == 12 && steady["calls_after"] as? Int == 9)
        // Over activations, each version's spread is known, and the test is corrected.
        for r in rows {
            #expect(r["mean_stdev_before"] is Double && r["significance"] is [String: Any] && r["p_adjusted"] is Double)
        }
        let table = try #require(PyFrameTool.pyframe(["diff", trace, "--versions"])).stdout
        #expect(table.contains("work (nb.py:8 → <cell-7>:2) [v1 → v2]  [patched]"))
        #expect(table.contains("tests: Welch's t-test on each function's time per complete activation; q = p corrected by Benjamini-Hochberg over 2 function(s)"))
    }

    @Test func splitAtAMarkComparesWhatRanBeforeItWithWhatRanAfter() throws {
        let trace = try Self.trace()
        let oracle = try CallOracle.counts(Self.script, name: "nb.py")
        let before = try #require(oracle.marks["patched"])
        let after = oracle.after("patched")
        for arguments in [["--split-at", "patched"], ["--before-window", "..patched", "--after-window", "patched..end of work"]] {
            let (object, rows) = try DiffIdentityTests.rows([trace] + arguments)
            #expect(object["kind"] as? String == "windows")
            let work = try Self.row(rows, "work")
            #expect(work["name"] as? String == "work (nb.py:8 → <cell-7>:2)" && work["patched"] as? Bool == true)
            #expect(work["calls_before"] as? Int == before["nb.py|work|8"] && work["calls_after"] as? Int == after["<cell-7>|work|2"])
            let leaf = try Self.row(rows, "leaf")
            #expect(leaf["calls_before"] as? Int == before["nb.py|leaf|4"] && leaf["calls_after"] as? Int == after["nb.py|leaf|4"])
            #expect(leaf["calls_before"] as? Int == 12 * 41 && leaf["calls_after"] as? Int == 9 * 11)
            let steady = try Self.row(rows, "steady")
            #expect(steady["calls_before"] as? Int == before["nb.py|steady|15"] && steady["calls_after"] as? Int == after["nb.py|steady|15"])
            #expect(steady["patched"] as? Bool == true)
            let module = try Self.row(rows.filter { $0["file"] as? String == "nb.py" }, "<module>")
            #expect(module["calls_before"] as? Int == 1 && module["calls_after"] as? Int == 0)
        }
        let table = try #require(PyFrameTool.pyframe(["diff", trace, "--split-at", "patched"])).stdout
        #expect(table.contains("windows   before: start … mark \"patched\"; after: mark \"patched\" … end"))
        #expect(table.contains("work (nb.py:8 → <cell-7>:2)  [patched]"))
    }

    @Test(.enabled(if: HeadlessChromium.binary != nil, "no chromium on PATH"))
    func theHTMLPageOfASplitShowsThePatchedBytecode() throws {
        let trace = try Self.trace()
        let result = try #require(PyFrameTool.pyframe(["diff", trace, "--split-at", "patched", "--format", "html"]))
        #expect(result.status == 0, "\(result.stderr)")
        let page = try #require(HeadlessChromium.load(result.stdout))
        #expect(page.errors.isEmpty, "console errors: \(page.errors)")
        // Windows have no stacks of their own: no flame graph, but the patches.
        #expect(page.dom.contains("<section id=\"flame-section\" hidden=\"\">"))
        #expect(HeadlessChromium.count("<details class=\"patch\"", in: page.dom) == 2)
        #expect(page.dom.contains("<summary>work (nb.py:8 → &lt;cell-7&gt;:2)  "))
        #expect(page.dom.contains("class=\"flag patched\""))
    }

    @Test func wrongWindowsAreOneLineErrors() throws {
        let trace = try Self.trace()
        let missing = try #require(PyFrameTool.pyframe(["diff", trace, "--split-at", "nowhere"]))
        #expect(missing.status == 1)
        #expect(missing.stderr == "pyframe: no mark \"nowhere\"; its marks are \"end of work\", \"patched\"\n")
        let backwards = try #require(PyFrameTool.pyframe(["diff", trace, "--before-window", "end of work..patched", "--after-window", "patched.."]))
        #expect(backwards.status == 1 && backwards.stderr == "pyframe: window 'end of work..patched' ends before it starts\n")
        for arguments in [[trace, trace, "--versions"], [trace, "--before-window", "..patched"], [trace, "--split-at", "patched", "--versions"],
                          [trace, "--split-at", "patched", "--format", "svg"], [trace, "--before-window", "patched", "--after-window", "patched.."]] {
            let result = try #require(PyFrameTool.pyframe(["diff"] + arguments))
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr.split(separator: "\n").count == 1 && result.stderr.hasPrefix("pyframe: "), "\(result.stderr)")
        }
    }
}
