import PyFrameTestSupport
import TraceAnalysis
import TraceFormat
import TraceRender

/// Small traces shared by the report, flame and render tests, with values
/// worked out by hand in the comments.
enum Fixtures {
    /// One thread, cwd /home/u/proj:
    ///
    ///     main            0 … 1000   (self 1000 − 200 − 100 − 100 − 100 = 500)
    ///       helper [v1]   100 … 300
    ///       helper [v2]   400 … 500  (same file, name and line; other bytecode)
    ///       JSONDecoder.decode 600 … 700, self 60
    ///         _find_and_load 610 … 650
    ///       get           800 … 900  (site-packages inside the project's venv)
    static func mixed() -> SyntheticTrace {
        var t = SyntheticTrace()
        t.code(1, "main", file: "/home/u/proj/app.py", line: 1)
        t.code(2, "helper", file: "/home/u/proj/app.py", line: 10, hash: 0xA)
        t.code(3, "helper", file: "/home/u/proj/app.py", line: 10, hash: 0xB)
        t.code(4, "JSONDecoder.decode", file: "/usr/lib/python3.11/json/decoder.py", line: 332)
        t.code(5, "_find_and_load", file: "<frozen importlib._bootstrap>", line: 1165)
        t.code(6, "get", file: "/home/u/proj/.venv/lib/python3.11/site-packages/requests/api.py", line: 62)
        t.threads = [ThreadRecord(index: 0, nativeId: 77, ident: 1, name: "MainThread")]
        t.events[0] = [
            ev(.call, 1, 0),
            ev(.call, 2, 100), ev(.return, 2, 300),
            ev(.call, 3, 400), ev(.return, 3, 500),
            ev(.call, 4, 600), ev(.call, 5, 610), ev(.return, 5, 650), ev(.return, 4, 700),
            ev(.call, 6, 800), ev(.return, 6, 900),
            ev(.return, 1, 1000),
        ]
        t.end = EndRecord(endTime: 1000, eventsWritten: 12)
        return t
    }

    /// Two threads, frame names with a ';', a generator and recursion:
    ///
    ///     thread 0 "MainThread": run 0…100 → step;odd 10…40 → step;odd 20…30
    ///                            run → gen: created 50…52, resumed 60…70
    ///                            (run's self: 100 − 30 − 2 − 10 = 58)
    ///     thread 1 "pool-1":     work 5…25
    static func stacks() -> SyntheticTrace {
        var t = SyntheticTrace()
        t.code(1, "run", file: "/home/u/proj/app.py", line: 1)
        t.code(2, "step;odd", file: "/home/u/proj/app.py", line: 5)
        t.code(3, "gen", file: "/home/u/proj/app.py", line: 9)
        t.code(4, "work", file: "/home/u/proj/pool.py", line: 3)
        t.threads = [ThreadRecord(index: 0, nativeId: 1, ident: 1, name: "MainThread"),
                     ThreadRecord(index: 1, nativeId: 2, ident: 2, name: "pool-1")]
        t.events[0] = [
            ev(.call, 1, 0),
            ev(.call, 2, 10), ev(.call, 2, 20), ev(.return, 2, 30), ev(.return, 2, 40),
            ev(.call, 3, 50), ev(.return, 3, 52), ev(.resume, 3, 60), ev(.yield, 3, 70),
            ev(.return, 1, 100),
        ]
        t.events[1] = [ev(.call, 4, 5), ev(.return, 4, 25)]
        t.end = EndRecord(endTime: 100, eventsWritten: 12)
        return t
    }

    /// The mixed fixture against itself with `helper` patched (its second
    /// version runs longer after the change, main gets the rest): the diff
    /// and its differential flame graph.
    static func patchedDiff() throws -> (ProfileDiff, DiffFlameGraph) {
        let before = try profile(mixed())
        var changed = mixed()
        changed.events[0] = [
            ev(.call, 1, 0),
            ev(.call, 2, 100), ev(.return, 2, 300),
            ev(.call, 3, 400), ev(.return, 3, 900),
            ev(.return, 1, 1000),
        ]
        changed.codes[2].hash = 0xC
        let after = try profile(changed)
        let options = FlameOptions(weight: .time, perThread: false, versionMarks: false)
        return (DiffBuilder.build(before: [before], after: [after]),
                DiffFlameGraph(before: FlameBuilder.build([before], options: options),
                               after: FlameBuilder.build([after], options: options)))
    }

    /// The `pyframe html` page of `profiles`, built as the command builds it
    /// (the report with every row, the flame graph of self time).
    static func htmlPage(_ profiles: [TraceProfile], title: String? = nil) throws -> String {
        let report = try ReportBuilder.build(profiles, options: ReportOptions(sort: .self, limit: nil))
        let flame = FlameBuilder.build(profiles, options: FlameOptions(weight: .time))
        let heading = title ?? profiles.first.map { "pyframe: " + DisplayFormat.commandLine($0.process.argv) } ?? "pyframe"
        return HTMLReportRenderer.render(report, flame: flame, timeline: profiles, title: heading)
    }

    /// A trace written chunk by chunk: main 0… and step 10…20 on thread 0
    /// (native id 99), whose events stop at 20 with main still open, the
    /// trace ending at 50, and `marks` on thread 0; analysed.
    static func marked(_ marks: [Mark]) throws -> TraceProfile {
        let path = temporaryPath("marks.lz4")
        let writer = try TraceFileWriter(path: path)
        var trace = SyntheticTrace()
        trace.code(1, "main")
        trace.code(2, "step")
        writer.append(chunk: ChunkWriter.process(trace.process))
        writer.append(chunk: ChunkWriter.codes(trace.codes))
        writer.append(chunk: ChunkWriter.threads([ThreadRecord(index: 0, nativeId: 99, ident: 1, name: "MainThread")]))
        let encoder = EventEncoder()
        encoder.begin(thread: 0, sequence: 0, openFrames: [])
        encoder.append(.call, code: 1, time: 0)
        encoder.append(.call, code: 2, time: 10)
        encoder.append(.return, code: 2, time: 20)
        writer.append(chunk: encoder.finish())
        writer.append(chunk: ChunkWriter.marks(marks))
        writer.append(chunk: ChunkWriter.end(EndRecord(endTime: 50, eventsWritten: 3)))
        writer.close()
        return try TraceAnalyzer.analyze(path: path)
    }

    /// Writes and analyses a fixture (with stacks).
    static func profile(_ trace: SyntheticTrace, workers: Int = 2) throws -> TraceProfile {
        let path = temporaryPath("fixture.lz4")
        try trace.write(to: path)
        return try TraceAnalyzer.analyze(path: path, options: AnalysisOptions(workers: workers, collectStacks: true))
    }
}
