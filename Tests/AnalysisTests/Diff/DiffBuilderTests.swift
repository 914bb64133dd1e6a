import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import PyFrameTestSupport
import Testing
import TraceAnalysis
import TraceFormat
import TraceRender

/// `pyframe diff` on synthetic runs with hand-computed results.
@Suite struct DiffBuilderTests {
    /// Before: main 0…100 calls a 10…30, b 40…50, gone 60…70.
    /// After:  main 0…130 calls a′ 10…(10+aTime), b 80…85, new 90…100
    ///         (a′ is a with other bytecode: patched).
    static func run(after: Bool, aTime: UInt64 = 60) -> SyntheticTrace {
        var t = SyntheticTrace()
        t.code(1, "main", line: 1)
        t.code(2, "a", line: 5, hash: after ? 0xB : 0xA)
        t.code(3, "b", line: 9)
        if after {
            t.code(5, "new", line: 17)
            t.events[0] = [ev(.call, 1, 0), ev(.call, 2, 10), ev(.return, 2, 10 + aTime), ev(.call, 3, 80),
                           ev(.return, 3, 85), ev(.call, 5, 90), ev(.return, 5, 100), ev(.return, 1, 130)]
        } else {
            t.code(4, "gone", line: 13)
            t.events[0] = [ev(.call, 1, 0), ev(.call, 2, 10), ev(.return, 2, 10 + aTime), ev(.call, 3, 40),
                           ev(.return, 3, 50), ev(.call, 4, 60), ev(.return, 4, 70), ev(.return, 1, 100)]
        }
        t.end = EndRecord(endTime: after ? 130 : 100, eventsWritten: 8)
        return t
    }

    @Test func rowsAreMatchedFlaggedAndSortedByImpact() throws {
        let before = try Fixtures.profile(Self.run(after: false, aTime: 20))
        let after = try Fixtures.profile(Self.run(after: true))
        let diff = DiffBuilder.build(before: [before], after: [after])
        #expect(diff.rows.map(\.identity.qualname) == ["a", "main", "gone", "new", "b"])
        let a = diff.rows[0]
        #expect(a.patched && a.presence == .both)
        #expect(a.before.totalNs.values == [20] && a.after.totalNs.values == [60])
        #expect(a.totalChange == 40 && a.relativeTotalChange == 2)
        #expect(a.beforeCode?.hash == 0xA && a.afterCode?.hash == 0xB)
        #expect(diff.rows[1].before.selfNs.values == [60] && diff.rows[1].after.selfNs.values == [55])
        #expect(diff.rows[2].presence == .vanished && !diff.rows[2].patched)
        #expect(diff.rows[3].presence == .appeared && diff.rows[3].relativeTotalChange == nil)
        #expect(diff.rows[4].totalChange == -5 && !diff.rows[4].patched)
        #expect(diff.rows.allSatisfy { $0.significance == nil })
        #expect(diff.beforeDuration.values == [100] && diff.afterDuration.values == [130])
        #expect(!diff.canJudgeSignificance)

        let text = DiffTableRenderer.render(diff, limit: nil)
        #expect(text.contains("runs      1 before, 1 after"))
        #expect(text.contains("run time  100 ns → 130 ns  (+30 ns, +30.0%)"))
        #expect(text.contains("          " + SignificanceText.cannotJudge))
        #expect(text.contains { $0.hasSuffix("a (app.py:5)  [patched]") && $0.contains("+40 ns") && $0.contains("+200.0%") })
        #expect(text.contains { $0.hasSuffix("gone (app.py:13)  [vanished]") })
        #expect(text.contains { $0.hasSuffix("new (app.py:17)  [appeared]") })
        #expect(text.contains("patched: 1 function(s) run with different code after the change: a (app.py:5)"))
    }

    @Test func foldedDiffIsGreggsFormat() throws {
        let options = FlameOptions(versionMarks: false)
        let before = FlameBuilder.build([try Fixtures.profile(Self.run(after: false, aTime: 20))], options: options)
        let after = FlameBuilder.build([try Fixtures.profile(Self.run(after: true))], options: options)
        let graph = DiffFlameGraph(before: before, after: after)
        #expect(DiffFoldedRenderer.lines(graph) == [
            "main (app.py:1) 60 55",
            "main (app.py:1);a (app.py:5) 20 60",
            "main (app.py:1);b (app.py:9) 10 5",
            "main (app.py:1);gone (app.py:13) 10 0",
            "main (app.py:1);new (app.py:17) 0 10",
        ])
        let svg = DiffSVGRenderer.render(graph, title: "diff")
        #expect(XMLParser(data: Data(svg.utf8)).parse())
        // a grew (red), b shrank (blue); gone has no width after the change.
        #expect(svg.contains("fill=\"rgb(255,45,45)\" rx=\"2\"/><text x=") && svg.contains("a (app.py:5)\ntotal 20 ns → 60 ns (+40 ns)"))
        #expect(svg.contains("b (app.py:9)\ntotal 10 ns → 5 ns (-5 ns)"))
        #expect(!svg.contains("<title>gone"))
    }

    @Test func severalRunsGiveMeansSpreadAndWelch() throws {
        let before = try [20, 22].map { try Fixtures.profile(Self.run(after: false, aTime: $0)) }
        let after = try [60, 64].map { try Fixtures.profile(Self.run(after: true, aTime: $0)) }
        let diff = DiffBuilder.build(before: before, after: after)
        let a = try #require(diff.rows.first { $0.identity.qualname == "a" })
        #expect(a.before.totalNs.mean == 21 && a.after.totalNs.mean == 62)
        #expect(abs(a.before.totalNs.standardDeviation - 2.squareRoot()) < 1e-9)
        #expect(abs(a.after.totalNs.standardDeviation - 8.squareRoot()) < 1e-9)
        let test = try #require(a.significance)
        // t = 41 / sqrt(2/2 + 8/2); df = 25 / (1/1 + 16/1)
        #expect(abs(test.t - 41 / 5.squareRoot()) < 1e-9)
        #expect(abs(test.degreesOfFreedom - 25.0 / 17.0) < 1e-9)
        #expect(test.p > 0 && test.p < 0.05)
        #expect(diff.canJudgeSignificance)

        let json = DiffJSONRenderer.render(diff)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["runs_before"] as? Int == 2)
        let rows = try #require(object["functions"] as? [[String: Any]])
        let row = try #require(rows.first { $0["qualname"] as? String == "a" })
        #expect(row["total_ns_before"] as? Double == 21 && row["total_ns_after"] as? Double == 62)
        #expect(row["patched"] as? Bool == true)
        #expect((row["significance"] as? [String: Any])?["significant"] as? Bool == true)
        #expect((row["verdict"] as? String)?.hasPrefix("changed (p=") == true)
        #expect(row["changed"] as? Bool == true && object["correction"] as? String == "Benjamini-Hochberg")
        let text = DiffTableRenderer.render(diff, limit: 2)
        #expect(text.contains { $0.contains("21 ns ± 1 ns") && $0.contains("62 ns ± 3 ns") && $0.contains(" *  a (app.py:5)") })
        #expect(text.contains("  … 3 more functions (--limit 0 shows all)"))
    }
}
