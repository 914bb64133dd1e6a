import Foundation
import PyFrameTestSupport
import Testing
import TraceAnalysis
import TraceFormat
import TraceRender

/// `pyframe report --callers/--callees` against CPython's own profiler: the
/// same script run under cProfile and recorded by pyframe gives the same
/// calls on every caller→callee edge between its functions (all and
/// primitive), and each edge's times add up to the function's.
@Suite(.serialized) struct CallersOracleTests {
    static let script = """
        def b():
            return sum(range(50))
        def a():
            for _ in range(3):
                b()
        def c():
            for _ in range(2):
                b()
            a()
        def fib(n):
            return n if n < 2 else fib(n - 1) + fib(n - 2)
        def numbers():
            for i in range(5):
                yield i
        def main():
            a()
            c()
            fib(9)
            t = 0
            for x in numbers():
                t += x
            return t
        main()
        """

    /// Runs the script under cProfile and prints, as JSON, for every edge
    /// between functions of the script, `callee <- caller` → [nc, cc].
    static let cProfileEdges = """
        import cProfile, json, os, pstats, sys
        path = sys.argv[1]
        profiler = cProfile.Profile()
        code = compile(open(path).read(), path, 'exec')
        profiler.enable()
        exec(code, {'__name__': '__main__'})
        profiler.disable()
        stats = pstats.Stats(profiler).stats
        name = lambda k: '%s:%d:%s' % (os.path.basename(k[0]), k[1], k[2])
        print(json.dumps({name(k) + ' <- ' + name(c): [e[0], e[1]]
                          for k, v in stats.items() if k[0] == path
                          for c, e in v[4].items() if c[0] == path}))
        """

    @Test func edgeCallsEqualCProfiles() throws {
        let trace = try #require(PyFrameTool.record(Self.script))
        let dir = temporaryPath("oracle")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let scriptPath = dir + "/fixture.py"
        try Self.script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
        let python = try #require(PyFrameTool.python)
        let oracle = PyFrameTool.run("/usr/bin/env", [python, "-c", Self.cProfileEdges, scriptPath])
        #expect(oracle.status == 0, "\(oracle.stderr)")
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(oracle.stdout.utf8)) as? [String: [Int]])

        let profile = try TraceAnalyzer.analyze(path: trace, options: AnalysisOptions(collectStacks: true))
        let stats = PstatsExporter.stats([profile])
        func name(_ i: Int) -> String {
            let k = stats.keys[i]
            return "\((k.file as NSString).lastPathComponent):\(k.line):\(k.name)"
        }
        var edges: [String: [Int]] = [:]
        for (callee, callers) in stats.callers.enumerated() where stats.keys[callee].file.hasSuffix("/fixture.py") {
            for (caller, e) in callers where stats.keys[caller].file.hasSuffix("/fixture.py") {
                edges[name(callee) + " <- " + name(caller)] = [Int(e.nc), Int(e.cc)]
            }
        }
        // A generator's edge is left out: CPython's profiler sees no event
        // for the call that creates it (RETURN_GENERATOR), which pyframe
        // records as a call, so cProfile counts 6 entries of `numbers` where
        // pyframe's pstats export counts 7 (1 call and 6 resumes).
        let generator = "fixture.py:12:numbers <- fixture.py:15:main"
        #expect(expected[generator] == [6, 6] && edges[generator] == [7, 7])
        #expect(expected.count == 9)
        #expect(edges.filter { $0.key != generator } == expected.filter { $0.key != generator })

        // Times: every caller of a non-recursive function accounts for its
        // share, so the edges add up to the function's self and total time.
        for (f, key) in stats.keys.enumerated() where ["a", "b", "c"].contains(key.name) {
            let callers = stats.callers[f].values
            #expect(callers.reduce(0) { $0 + $1.ttNs } == stats.functions[f].ttNs, "\(key.name)")
            #expect(callers.reduce(0) { $0 + $1.ctNs } == stats.functions[f].ctNs, "\(key.name)")
            #expect(callers.reduce(0) { $0 + $1.nc } == stats.functions[f].nc, "\(key.name)")
        }

        // The command lists the same edges.
        let callers = try #require(PyFrameTool.pyframe(["report", "--callers", "^b ", trace]))
        #expect(callers.status == 0, "\(callers.stderr)")
        let listing = callers.stdout.components(separatedBy: "\n\n").last ?? ""
        let rows = listing.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        #expect(rows.first.map { $0.prefix(6).joined(separator: " ") } == "callers of b (fixture.py:1): 8 calls,")
        #expect(rows.dropFirst(2).map { "\($0[0]) \($0[$0.count - 2])" }.sorted() == ["2 c", "6 a"])
        let callees = try #require(PyFrameTool.pyframe(["report", "--callees", "^main ", trace]))
        let names = callees.stdout.split(separator: "\n").drop { !$0.hasPrefix("callees of main") }.dropFirst(2)
            .map { $0.split(separator: " ").dropLast().last.map(String.init) ?? "" }
        #expect(names.sorted() == ["a", "c", "fib", "numbers"])
    }
}
