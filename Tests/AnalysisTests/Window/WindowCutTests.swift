import Foundation
import PyFrameTestSupport
import Testing
import TraceAnalysis
import TraceFormat
import TraceRender

/// `--window A..B` on a synthetic trace with exact times: every figure inside
/// the window is worked out by hand from ``Fixtures/stacks()``, cut to 15…65 ns:
///
///     thread 0: run 0…100 → step;odd 10…40 → step;odd 20…30
///               run → gen: created 50…52, resumed 60…70
///     thread 1: work 5…25
@Suite struct WindowCutTests {
    static let window = SelectedWindow(window: TimeWindow(start: 15, end: 65), label: "15ns … 65ns")

    /// Function statistics by qualname, all threads.
    static func byName(_ profile: TraceProfile) -> [String: FunctionStats] {
        var out: [String: FunctionStats] = [:]
        for t in profile.threads {
            for (code, s) in t.functions.nonEmpty() { out[profile.codes[code]!.qualname, default: FunctionStats()].add(s) }
        }
        return out
    }

    static let expected: [String: FunctionStats] = [
        // Entered before the window: no call; self [40,50) + [52,60); inclusive 15…65.
        "run": FunctionStats(calls: 0, totalNs: 50, selfNs: 18, maxNs: 50, primitiveCalls: 0),
        // The outer frame (10…40) is cut to 15…40; the inner call at 20 counts, not primitive.
        "step;odd": FunctionStats(calls: 1, totalNs: 25, selfNs: 25, maxNs: 25, primitiveCalls: 0),
        // Created at 50 (2 ns) and resumed at 60, cut at 65.
        "gen": FunctionStats(calls: 1, resumes: 1, totalNs: 7, selfNs: 7, maxNs: 5, primitiveCalls: 2),
        "work": FunctionStats(calls: 0, totalNs: 10, selfNs: 10, maxNs: 10, primitiveCalls: 0),
    ]

    @Test(arguments: [1 << 15, 3])
    func tablesAreCutAtTheEdges(chunkSize: Int) throws {
        var trace = Fixtures.stacks()
        trace.chunkSize = chunkSize
        let profile = try Fixtures.profile(trace).cut(to: Self.window, stacks: true)
        #expect(Self.byName(profile) == Self.expected)
        #expect(profile.totalSelfNs == 60)
        #expect(profile.window == Self.window)
        #expect(profile.recordingLimits.last == "only the window 15ns … 65ns (0.000 ms to 0.000 ms) is counted; frames cut at its edges count for the part inside")
    }

    @Test func callTreesHoldOnlyWhatRanInside() throws {
        let profile = try Fixtures.profile(Fixtures.stacks()).cut(to: Self.window, stacks: true)
        func stacks(_ thread: Int) -> [String] {
            profile.threads[thread].stacks!.stacks().map { s in
                s.stack.map { profile.codes[$0]!.qualname }.joined(separator: ">") + " self \(s.selfNs) calls \(s.calls)"
            }.sorted()
        }
        #expect(stacks(0) == ["run self 18 calls 0", "run>gen self 7 calls 1", "run>step;odd self 15 calls 0",
                              "run>step;odd>step;odd self 10 calls 1"])
        #expect(stacks(1) == ["work self 10 calls 0"])
    }

    @Test func theWholeTraceAsAWindowIsTheReport() throws {
        var trace = Fixtures.mixed()
        trace.chunkSize = 4
        let whole = try Fixtures.profile(trace)
        let cut = try whole.cut(to: SelectedWindow(window: .all, label: "all"), stacks: true)
        #expect(Self.byName(cut) == Self.byName(whole))
        // Node numbers follow the order in which chunk trees were merged,
        // which parallel jobs do not fix: compare the stacks themselves.
        func stacks(_ profile: TraceProfile) -> [String] {
            profile.threads[0].stacks!.stacks().map { "\($0.stack) self \($0.selfNs) calls \($0.calls)" }.sorted()
        }
        #expect(stacks(cut) == stacks(whole))
    }

    @Test func timelinesAreCutTheSameWay() throws {
        let profile = try Fixtures.profile(Fixtures.stacks())
        let timeline = try TraceTimeline(path: profile.path)
        var steps: [String] = []
        timeline.walk(thread: 0, endTime: 100, window: Self.window.window) { step in
            switch step {
            case let .open(code, time): steps.append("+\(profile.codes[code]!.qualname)@\(time)")
            case let .close(code, time): steps.append("-\(profile.codes[code]!.qualname)@\(time)")
            }
        }
        #expect(steps == ["+run@15", "+step;odd@15", "+step;odd@20", "-step;odd@30", "-step;odd@40",
                          "+gen@50", "-gen@52", "+gen@60", "-gen@65", "-run@65"])
        var outside: [TraceTimeline.Step] = []
        timeline.walk(thread: 1, endTime: 100, window: TimeWindow(start: 30, end: 90)) { outside.append($0) }
        #expect(outside.isEmpty)
    }

    @Test func theCommandLineTakesTimesAndMarks() throws {
        var trace = Fixtures.stacks()
        trace.marks = [Mark(thread: 0, time: 15, label: "go"), Mark(thread: 0, time: 65, label: "stop")]
        let path = temporaryPath("marked.lz4")
        try trace.write(to: path)
        for window in ["15ns..65ns", "go..stop", "go..65ns"] {
            let result = try #require(PyFrameTool.pyframe(["report", "--format", "json", "--window", window, path]))
            #expect(result.status == 0, "\(result.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let rows = try #require(object["functions"] as? [[String: Any]])
            var selfNs: [String: Int] = [:]
            for row in rows { selfNs[row["qualname"] as? String ?? ""] = row["self_ns"] as? Int }
            #expect(selfNs == ["run": 18, "step;odd": 25, "gen": 7, "work": 10], "\(window)")
        }
        let bad = try #require(PyFrameTool.pyframe(["tree", "--window", "go..later", path]))
        #expect(bad.status == 1)
        #expect(bad.stderr == "pyframe: no mark \"later\" and not a time (1.5s, 200ms, 300us, 1000ns); its marks are \"go\", \"stop\"\n")
        let shape = try #require(PyFrameTool.pyframe(["flame", "--window", "15ns", path]))
        #expect(shape.status == 2)
        #expect(shape.stderr.hasPrefix("pyframe: --window is START..END"))
    }
}
