import Foundation
import PyFrameTestSupport
import Testing
import TraceAnalysis
import TraceFormat
import TraceRender

/// `pyframe export --format pstats` read by CPython's own `pstats` module:
/// per-function counts and times equal `pyframe report`'s, and callers are
/// the recorded call structure.
@Suite(.serialized) struct PstatsExportTests {
    static let script = """
        def b():
            return sum(range(100))
        def a():
            for _ in range(3):
                b()
        def c():
            for _ in range(2):
                b()
        def fib(n):
            return n if n < 2 else fib(n - 1) + fib(n - 2)
        def numbers():
            for i in range(5):
                yield i
        def main():
            a()
            c()
            fib(8)
            return sum(numbers())
        main()
        """

    /// Loads a pstats file with `pstats.Stats` and prints, as JSON, every
    /// function as `path:line:name` → [cc, nc, tt, ct, {caller: [nc, cc, tt, ct]}],
    /// after `sort_stats('cumulative').print_stats(5)` succeeded.
    static let reader = """
        import io, json, pstats, sys
        s = pstats.Stats(sys.argv[1], stream=io.StringIO())
        s.sort_stats('cumulative').print_stats(5)
        s.print_callers(5)
        name = lambda k: '%s:%d:%s' % k
        print(json.dumps({name(k): [cc, nc, tt, ct, {name(c): list(e) for c, e in callers.items()}]
                          for k, (cc, nc, tt, ct, callers) in s.stats.items()}))
        """

    /// Recorded with --c-calls: C functions are in the file under cProfile's
    /// key, `('~', 0, '<built-in method builtins.sum>')`.
    static let recorded: String? = PyFrameTool.record(script, options: ["--c-calls"])

    static func json(_ text: String) -> Any? { try? JSONSerialization.jsonObject(with: Data(text.utf8)) }

    static func exported() throws -> (stats: [String: [Any]], report: [[String: Any]]) {
        let trace = try #require(recorded)
        let out = temporaryPath("out.prof")
        let export = try #require(PyFrameTool.pyframe(["export", "--format", "pstats", "-o", out, trace]))
        #expect(export.status == 0, "\(export.stderr)")
        let read = PyFrameTool.run("/usr/bin/env", ["python3", "-c", reader, out])
        #expect(read.status == 0, "\(read.stderr)")
        let stats = try #require(json(read.stdout) as? [String: [Any]])
        let report = try #require(PyFrameTool.pyframe(["report", "--format", "json", "--limit", "0", trace]))
        #expect(report.status == 0)
        let rows = (json(report.stdout) as? [String: Any])?["functions"] as? [[String: Any]]
        return (stats, try #require(rows))
    }

    @Test func everyFunctionEqualsTheReport() throws {
        let (stats, report) = try Self.exported()
        #expect(stats.count == report.count)
        for row in report {
            let path = row["path"] as? String ?? "", line = row["line"] as? Int ?? -1
            let qualname = row["qualname"] as? String ?? ""
            // A C function's report name is cProfile's with braces for its angle brackets.
            let name = path == "~" ? "<" + qualname.dropFirst().dropLast() + ">"
                                   : String(qualname.split(separator: ".").last ?? "")
            let found = stats["\(path):\(line):\(name)"]
            let entry = try #require(found, "\(path):\(line):\(name) not in the pstats file")
            let calls = row["calls"] as? Int ?? -1, resumes = row["resumes"] as? Int ?? -1
            let primitive = row["primitive_calls"] as? Int ?? -1
            #expect(entry[1] as? Int == calls + resumes, "\(qualname)")
            if resumes == 0 { #expect(entry[0] as? Int == primitive, "\(qualname)") }
            let tt = entry[2] as? Double ?? -1, ct = entry[3] as? Double ?? -1
            let selfNs = Double(row["self_ns"] as? Int ?? -1), totalNs = Double(row["total_ns"] as? Int ?? -1)
            #expect(abs(tt * 1e9 - selfNs) < 1000, "\(qualname)")
            #expect(abs(ct * 1e9 - totalNs) < 1000, "\(qualname)")
        }
    }

    @Test func callersAreTheCallStructure() throws {
        let (stats, _) = try Self.exported()
        func find(_ name: String) throws -> String {
            let key = stats.keys.first { $0.contains("fixture.py:") && $0.hasSuffix(":" + name) }
            return try #require(key, "\(name) not in the pstats file")
        }
        func callers(_ name: String) throws -> [String: [Any]] {
            let entry = stats[try find(name)]
            return try #require(entry?[4] as? [String: [Any]])
        }
        let a = try find("a"), c = try find("c"), main = try find("main"), fib = try find("fib")
        let module = try find("<module>")
        let b = try callers("b")
        #expect(Set(b.keys) == [a, c])
        #expect(b[a]?[0] as? Int == 3 && b[a]?[1] as? Int == 3)
        #expect(b[c]?[0] as? Int == 2 && b[c]?[1] as? Int == 2)
        // fib(8): 67 calls, 1 primitive; from main 1, from fib 66 of which 2
        // are primitive edges (cProfile's "66/2").
        let fibStats = stats[fib] ?? []
        #expect(fibStats.count == 5 && fibStats[0] as? Int == 1 && fibStats[1] as? Int == 67)
        let f = try callers("fib")
        #expect(f[main]?[0] as? Int == 1 && f[main]?[1] as? Int == 1)
        #expect(f[fib]?[0] as? Int == 66 && f[fib]?[1] as? Int == 2)
        // The outermost edge's cumtime is all of fib's cumtime.
        #expect(f[main]?[3] as? Double == fibStats[3] as? Double)
        // The generator: created once and resumed 6 times, every entry a
        // primitive call as cProfile counts it.
        let numbers = stats[try find("numbers")] ?? []
        #expect(numbers.count == 5 && numbers[0] as? Int == 7 && numbers[1] as? Int == 7)
        // Created by main; resumed by sum(), a C function (--c-calls).
        let sumKey = "~:0:<built-in method builtins.sum>"
        #expect(try callers("numbers")[main]?[0] as? Int == 1)
        #expect(try callers("numbers")[sumKey]?[0] as? Int == 6)
        #expect(try callers("main")[module]?[0] as? Int == 1)
        // sum(): 5 calls from b, 1 from main, under cProfile's key for it.
        let sum = try #require(stats[sumKey]?[4] as? [String: [Any]])
        let bKey = try find("b")
        #expect(Set(sum.keys) == [bKey, main])
        #expect(sum[bKey]?[0] as? Int == 5 && sum[main]?[0] as? Int == 1)
    }

    @Test func syntheticStacksGiveExactEdges() throws {
        let stats = PstatsExporter.stats([try Fixtures.profile(Fixtures.stacks())])
        typealias E = PstatsExporter.Entry
        let names = stats.keys.map(\.name)
        #expect(names == ["run", "step;odd", "gen", "work"])
        #expect(stats.keys.map(\.line) == [1, 5, 9, 3])
        let run = 0, step = 1, gen = 2
        #expect(stats.functions == [E(nc: 1, cc: 1, ttNs: 58, ctNs: 100), E(nc: 2, cc: 1, ttNs: 30, ctNs: 30),
                                    E(nc: 2, cc: 2, ttNs: 12, ctNs: 12), E(nc: 1, cc: 1, ttNs: 20, ctNs: 20)])
        #expect(stats.callers[run].isEmpty && stats.callers[3].isEmpty)
        #expect(stats.callers[step] == [run: E(nc: 1, cc: 1, ttNs: 20, ctNs: 30), step: E(nc: 1, cc: 1, ttNs: 10, ctNs: 10)])
        #expect(stats.callers[gen] == [run: E(nc: 2, cc: 2, ttNs: 12, ctNs: 12)])
    }

    @Test func marshalCodesAreVersionIndependent() {
        var w = MarshalWriter()
        w.dict()
        w.tuple(2)
        w.string("é")
        w.int(Int64(-2))
        w.int(UInt64(1) << 40)
        w.float(0.5)
        w.endDict()
        #expect(w.bytes == [0x7B, 0x28, 2, 0, 0, 0, 0x75, 2, 0, 0, 0, 0xC3, 0xA9, 0x69, 0xFE, 0xFF, 0xFF, 0xFF,
                            0x6C, 3, 0, 0, 0, 0, 0, 0, 0, 0, 4,
                            0x67, 0, 0, 0, 0, 0, 0, 0xE0, 0x3F, 0x30])
    }

    @Test func writesAPipe() throws {
        let trace = try #require(Self.recorded)
        let binary = try #require(PyFrameTool.binary())
        let piped = PyFrameTool.run("/bin/sh", ["-c", "\"$0\" export --format pstats \"$1\" | python3 -c "
            + "'import marshal, sys; print(len(marshal.load(sys.stdin.buffer)))'", binary, trace])
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect((Int(piped.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) > 5)
    }
}
