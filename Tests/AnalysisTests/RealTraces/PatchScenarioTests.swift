import Foundation
import PyFrameTestSupport
import Testing
import TraceAnalysis
import TraceRender

/// A function's bytecode patched at run time, as a user would, recorded
/// before and after: `pyframe diff` must flag exactly that function.
@Suite(.serialized) struct PatchScenarioTests {
    /// With PATCH=1, `work` gets new constants through `__code__.replace`
    /// (its loop multiplier 2 becomes 3 and its size 300 becomes 6000), so it
    /// runs different bytecode doing twenty times the work; nothing else changes.
    static let script = """
        import os

        def work():
            total = 0
            for i in range(300):
                total += i * 2
            return total

        def steady():
            return sum(range(200))

        def main():
            if os.environ.get("PATCH") == "1":
                code = work.__code__
                work.__code__ = code.replace(
                    co_consts=tuple({2: 3, 300: 6000}.get(c, c) if type(c) is int else c for c in code.co_consts))
            for _ in range(40):
                work()
                steady()

        main()
        """

    static func record(patched: Bool) -> String? {
        PyFrameTool.record(script, name: "patchme.py", environment: ["PATCH": patched ? "1" : "0"])
    }

    @Test func diffFlagsExactlyThePatchedFunction() throws {
        let before = try #require(Self.record(patched: false))
        let after = try #require(Self.record(patched: true))
        let result = try #require(PyFrameTool.pyframe(["diff", before, after, "--format", "json"]))
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let rows = try #require(object["functions"] as? [[String: Any]])
        for key in ["file", "line", "qualname", "patched", "calls_before", "calls_after", "self_ns_before",
                    "self_ns_after", "total_ns_before", "total_ns_after"] {
            #expect(rows.allSatisfy { $0[key] != nil }, "a row lacks \(key)")
        }
        let patched = rows.filter { $0["patched"] as? Bool == true }
        #expect(patched.map { $0["qualname"] as? String } == ["work"])
        let work = try #require(patched.first)
        #expect(work["file"] as? String == "patchme.py")
        #expect(work["calls_before"] as? Int == 40 && work["calls_after"] as? Int == 40)
        #expect((work["total_ns_after"] as? Double ?? 0) > (work["total_ns_before"] as? Double ?? 0))
        #expect(work["code_hash_before"] as? String != work["code_hash_after"] as? String)
        let steady = try #require(rows.first { $0["qualname"] as? String == "steady" })
        #expect(steady["patched"] as? Bool == false)
        #expect(object["significance_judged"] as? Bool == false)
        #expect((work["verdict"] as? String)?.contains("cannot judge") == true)

        let table = try #require(PyFrameTool.pyframe(["diff", "--show-bytecode", before, after]))
        #expect(table.status == 0)
        #expect(table.stdout.contains("work (patchme.py:3)  [patched]"))
        #expect(table.stdout.contains("── bytecode of work (patchme.py:3)"))
        #expect(table.stdout.contains(SignificanceText.cannotJudge))

        let folded = try #require(PyFrameTool.pyframe(["diff", "--format", "folded-diff", before, after]))
        let line = try #require(folded.stdout.split(separator: "\n").first { $0.contains(";work (patchme.py:3) ") })
        let parts = line.split(separator: " ")
        #expect(parts.count >= 3)
        #expect(UInt64(parts[parts.count - 1])! > UInt64(parts[parts.count - 2])!)
        let svg = try #require(PyFrameTool.pyframe(["diff", "--format", "svg", before, after]))
        #expect(svg.stdout.contains("<svg") && svg.stdout.contains("work (patchme.py:3)"))
    }

    @Test func severalRunsPerSideGetMeansAndATest() throws {
        let before = try (0..<3).map { _ in try #require(Self.record(patched: false)) }
        let after = try (0..<3).map { _ in try #require(Self.record(patched: true)) }
        let result = try #require(PyFrameTool.pyframe(["diff", "--format", "json", "--before"] + before + ["--after"] + after))
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["runs_before"] as? Int == 3 && object["runs_after"] as? Int == 3)
        #expect(object["significance_judged"] as? Bool == true)
        let rows = try #require(object["functions"] as? [[String: Any]])
        let work = try #require(rows.first { $0["qualname"] as? String == "work" })
        #expect(work["patched"] as? Bool == true)
        let test = try #require(work["significance"] as? [String: Any])
        let p = try #require(test["p"] as? Double)
        #expect(p >= 0 && p <= 1)
        #expect(test["significant"] as? Bool == (p < 0.05))
        #expect((work["total_stdev_before"] as? Double ?? -1) >= 0)
        #expect(rows.filter { $0["patched"] as? Bool == true }.count == 1)
        let table = try #require(PyFrameTool.pyframe(["diff", "--before"] + before + ["--after"] + after))
        #expect(table.stdout.contains("runs      3 before, 3 after"))
        #expect(table.stdout.contains(" ± "))
    }
}
