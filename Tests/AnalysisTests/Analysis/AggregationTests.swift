import Foundation
import PyFrameTestSupport
import Testing
import TraceAnalysis
import TraceFormat
import TraceRender

/// Exact inclusive, self, recursion, generator and unwind arithmetic on
/// small hand-made traces.
@Suite struct AggregationTests {
    /// Writes `trace` and analyses it with `workers` workers.
    static func analyze(_ trace: SyntheticTrace, workers: Int = 2, stacks: Bool = false) throws -> TraceProfile {
        let path = temporaryPath("trace.lz4")
        try trace.write(to: path)
        return try TraceAnalyzer.analyze(path: path, options: AnalysisOptions(workers: workers, collectStacks: stacks))
    }

    static func stats(_ p: TraceProfile, thread: UInt32 = 0) -> [UInt32: FunctionStats] {
        p.statsByThread()[thread] ?? [:]
    }

    @Test func inclusiveAndSelfTime() throws {
        var t = SyntheticTrace()
        t.code(1, "main"); t.code(2, "a"); t.code(3, "b")
        t.events[0] = [ev(.call, 1, 100), ev(.call, 2, 110), ev(.return, 2, 130),
                       ev(.call, 3, 140), ev(.return, 3, 145), ev(.call, 2, 146), ev(.return, 2, 148),
                       ev(.return, 1, 150)]
        let s = Self.stats(try Self.analyze(t))
        #expect(s[1] == FunctionStats(calls: 1, totalNs: 50, selfNs: 50 - 20 - 5 - 2, maxNs: 50, primitiveCalls: 1))
        #expect(s[2] == FunctionStats(calls: 2, totalNs: 22, selfNs: 22, maxNs: 20, primitiveCalls: 2))
        #expect(s[3] == FunctionStats(calls: 1, totalNs: 5, selfNs: 5, maxNs: 5, primitiveCalls: 1))
        #expect(s[2]!.selfPerCallNs == 11 && s[2]!.totalPerPrimitiveCallNs == 11)
    }

    @Test func recursionCountsOnlyTheOutermostFrame() throws {
        var t = SyntheticTrace()
        t.code(1, "fib"); t.code(2, "helper")
        // fib(0..100) → fib(10..60) → helper(20..30) → fib(22..28)
        t.events[0] = [ev(.call, 1, 0), ev(.call, 1, 10), ev(.call, 2, 20), ev(.call, 1, 22),
                       ev(.return, 1, 28), ev(.return, 2, 30), ev(.return, 1, 60), ev(.return, 1, 100)]
        let s = Self.stats(try Self.analyze(t))
        #expect(s[1] == FunctionStats(calls: 3, totalNs: 100, selfNs: 100 - 10 + 6, maxNs: 100, primitiveCalls: 1))
        #expect(s[2] == FunctionStats(calls: 1, totalNs: 10, selfNs: 4, maxNs: 10, primitiveCalls: 1))
        // cProfile's meanings: 3 calls of which 1 primitive; self per call, total per primitive call.
        #expect(s[1]!.selfPerCallNs == 96 / 3)
        #expect(s[1]!.totalPerPrimitiveCallNs == 100)
    }

    @Test func generatorTimeIsTheSumOfItsRunningSegments() throws {
        var t = SyntheticTrace()
        t.code(1, "main"); t.code(2, "gen")
        t.events[0] = [
            ev(.call, 1, 0),
            ev(.call, 2, 10), ev(.return, 2, 12),      // creation: 2 ns
            ev(.resume, 2, 20), ev(.yield, 2, 25),     // 5 ns
            ev(.resume, 2, 100), ev(.yield, 2, 107),   // 7 ns
            ev(.resume, 2, 500), ev(.return, 2, 503),  // 3 ns, exhausted
            ev(.return, 1, 1000),
        ]
        let s = Self.stats(try Self.analyze(t))
        #expect(s[2] == FunctionStats(calls: 1, resumes: 3, totalNs: 17, selfNs: 17, maxNs: 7, primitiveCalls: 1))
        #expect(s[1] == FunctionStats(calls: 1, totalNs: 1000, selfNs: 983, maxNs: 1000, primitiveCalls: 1))
    }

    @Test func generatorResumedInsideItselfIsNotCountedTwice() throws {
        var t = SyntheticTrace()
        t.code(1, "outer"); t.code(2, "gen")
        // A recursive generator: gen resumed while another gen frame runs.
        t.events[0] = [ev(.call, 1, 0), ev(.resume, 2, 10), ev(.resume, 2, 12), ev(.yield, 2, 15),
                       ev(.yield, 2, 20), ev(.return, 1, 30)]
        let s = Self.stats(try Self.analyze(t))
        #expect(s[2] == FunctionStats(resumes: 2, totalNs: 10, selfNs: 10, maxNs: 10, primitiveCalls: 0))
    }

    @Test func unwindClosesTheFrameLikeAReturn() throws {
        var t = SyntheticTrace()
        t.code(1, "main"); t.code(2, "boom"); t.code(3, "deeper")
        t.events[0] = [ev(.call, 1, 0), ev(.call, 2, 10), ev(.call, 3, 11), ev(.unwind, 3, 15),
                       ev(.unwind, 2, 16), ev(.return, 1, 20)]
        let s = Self.stats(try Self.analyze(t))
        #expect(s[2] == FunctionStats(calls: 1, totalNs: 6, selfNs: 2, maxNs: 6, primitiveCalls: 1))
        #expect(s[3] == FunctionStats(calls: 1, totalNs: 4, selfNs: 4, maxNs: 4, primitiveCalls: 1))
        #expect(s[1]!.selfNs == 14)
    }

    @Test func framesOpenAtTheEndCloseAtTheEndRecordTime() throws {
        var t = SyntheticTrace()
        t.code(1, "main"); t.code(2, "loop")
        t.events[0] = [ev(.call, 1, 0), ev(.call, 2, 10)]
        t.end = EndRecord(endTime: 110, eventsWritten: 2)
        let s = Self.stats(try Self.analyze(t))
        #expect(s[1] == FunctionStats(calls: 1, totalNs: 110, selfNs: 10, maxNs: 110, primitiveCalls: 1))
        #expect(s[2] == FunctionStats(calls: 1, totalNs: 100, selfNs: 100, maxNs: 100, primitiveCalls: 1))
    }

    @Test func withoutAnEndRecordOpenFramesCloseAtTheThreadsLastEvent() throws {
        var t = SyntheticTrace()
        t.code(1, "main"); t.code(2, "work")
        t.events[0] = [ev(.call, 1, 0), ev(.call, 2, 10), ev(.return, 2, 40)]
        t.end = nil
        let p = try Self.analyze(t)
        let s = Self.stats(p)
        #expect(s[1] == FunctionStats(calls: 1, totalNs: 40, selfNs: 10, maxNs: 40, primitiveCalls: 1))
        #expect(!p.isComplete)
        #expect(p.problems.contains(.noEndRecord))
    }

    @Test func framesCrossingChunksGiveTheSameNumbersAsOneChunk() throws {
        var t = SyntheticTrace()
        t.code(1, "main"); t.code(2, "f"); t.code(3, "g")
        t.events[0] = [ev(.call, 1, 0), ev(.call, 2, 5), ev(.call, 2, 9), ev(.call, 3, 10), ev(.return, 3, 20),
                       ev(.return, 2, 33), ev(.call, 3, 40), ev(.yield, 3, 41), ev(.return, 2, 50),
                       ev(.resume, 3, 60), ev(.return, 3, 70), ev(.return, 1, 100)]
        let whole = Self.stats(try Self.analyze(t))
        for size in 1...5 {
            t.chunkSize = size
            for workers in [1, 2, 3] {
                #expect(Self.stats(try Self.analyze(t, workers: workers)) == whole, "chunk size \(size), \(workers) workers")
            }
        }
        #expect(whole[2] == FunctionStats(calls: 2, totalNs: 45, selfNs: 45 - 10 - 1, maxNs: 45, primitiveCalls: 1))
        #expect(whole[3] == FunctionStats(calls: 2, resumes: 1, totalNs: 21, selfNs: 21, maxNs: 10, primitiveCalls: 2))
        // main runs alone 0–5, 50–60 and 70–100 (g's 40–41 is inside f).
        #expect(whole[1]!.selfNs == 5 + 10 + 30)
    }

    @Test func timeBetweenChunksGoesToTheFrameRunningThen() throws {
        var t = SyntheticTrace()
        t.code(1, "main"); t.code(2, "f")
        t.events[0] = [ev(.call, 1, 0), ev(.call, 2, 10), ev(.return, 2, 20), ev(.return, 1, 30)]
        t.chunkSize = 2  // the boundary falls inside f: 10 → 20
        let s = Self.stats(try Self.analyze(t))
        #expect(s[2] == FunctionStats(calls: 1, totalNs: 10, selfNs: 10, maxNs: 10, primitiveCalls: 1))
        #expect(s[1] == FunctionStats(calls: 1, totalNs: 30, selfNs: 20, maxNs: 30, primitiveCalls: 1))
    }

    @Test func threadsAreKeptApartAndNamedByTheirLatestRecord() throws {
        var t = SyntheticTrace()
        t.code(1, "main"); t.code(2, "work")
        t.threads = [ThreadRecord(index: 0, nativeId: 100, ident: 1, name: "MainThread"),
                     ThreadRecord(index: 1, nativeId: 101, ident: 2, name: ""),
                     ThreadRecord(index: 1, nativeId: 101, ident: 2, name: "worker")]
        t.events[0] = [ev(.call, 1, 0), ev(.return, 1, 50)]
        t.events[1] = [ev(.call, 2, 5), ev(.return, 2, 25)]
        let p = try Self.analyze(t)
        #expect(p.threads.map(\.name) == ["MainThread", "worker"])
        #expect(Self.stats(p, thread: 0) == [1: FunctionStats(calls: 1, totalNs: 50, selfNs: 50, maxNs: 50, primitiveCalls: 1)])
        #expect(Self.stats(p, thread: 1) == [2: FunctionStats(calls: 1, totalNs: 20, selfNs: 20, maxNs: 20, primitiveCalls: 1)])
        #expect(p.events == 4)
    }

    @Test func aMissingChunkResynchronisesFromTheNextHeader() throws {
        var t = SyntheticTrace()
        t.code(1, "main"); t.code(2, "f"); t.code(3, "g")
        t.events[0] = [ev(.call, 1, 0), ev(.call, 2, 10),   // chunk 0
                       ev(.return, 2, 20), ev(.call, 3, 30), // chunk 1 (lost)
                       ev(.return, 3, 40), ev(.return, 1, 50)] // chunk 2
        t.chunkSize = 2
        t.omit = [[0, 1]]
        let p = try Self.analyze(t)
        let s = Self.stats(p)
        // f was last seen open at 10: closed there. g is seen open from 40 (chunk 2's first event).
        #expect(s[2] == FunctionStats(calls: 1, totalNs: 0, selfNs: 0, maxNs: 0, primitiveCalls: 1))
        #expect(s[3] == nil)  // seen only as an open frame that exits at once
        #expect(s[1] == FunctionStats(calls: 1, totalNs: 50, selfNs: 10 + 10, maxNs: 50, primitiveCalls: 1))
        #expect(p.threads[0].missingChunks == 1)
        #expect(p.problems.contains { if case .chunksMissing = $0 { true } else { false } })
    }

    @Test func droppedEventsAreCountedFromHeadersAndTheEndRecord() throws {
        var t = SyntheticTrace()
        t.code(1, "main")
        t.events[0] = [ev(.call, 1, 0), ev(.call, 1, 5), ev(.return, 1, 6), ev(.return, 1, 10)]
        t.chunkSize = 2
        t.dropped = [[0, 1]: 7]
        t.end = EndRecord(endTime: 10, eventsWritten: 4, eventsDropped: 3, lossReason: "ring full")
        let p = try Self.analyze(t)
        #expect(p.droppedEvents == 10)
    }

    @Test func flightRecorderLossIsExplainedNotCalledDamage() throws {
        var t = SyntheticTrace()
        t.code(1, "main"); t.code(2, "f")
        t.process.properties = ["ring": "1048576", "exclude": "*/site-packages/*", "max-depth": "50"]
        t.events[0] = [ev(.call, 1, 0), ev(.call, 2, 10), ev(.return, 2, 20), ev(.call, 2, 30),
                       ev(.return, 2, 35), ev(.return, 1, 50)]
        t.chunkSize = 2
        t.omit = [[0, 0]]  // the oldest chunk was dropped by the ring
        t.losses = [ThreadLoss(thread: 0, events: 2, chunks: 1)]
        t.end = nil
        let p = try Self.analyze(t)
        #expect(p.droppedEvents == 2)
        #expect(p.problems.contains(.ringDropped(thread: 0, events: 2)))
        #expect(!p.problems.contains { if case .chunksMissing = $0 { true } else { false } })
        // main and f are seen open from the first kept event (20).
        let s = Self.stats(p)
        #expect(s[1] == FunctionStats(calls: 0, totalNs: 30, selfNs: 10 + 15, maxNs: 30, primitiveCalls: 0))
        #expect(s[2] == FunctionStats(calls: 1, totalNs: 5, selfNs: 5, maxNs: 5, primitiveCalls: 1))
        #expect(p.recordingLimits == [
            "files matching --exclude */site-packages/* were not recorded",
            "time in left-out frames counts as their nearest recorded caller's self time",
            "frames deeper than --max-depth 50 were not recorded",
            "flight-recorder mode (--ring 1048576 bytes) keeps only the newest events",
        ])
        let header = ReportHeaderText.lines(try ReportBuilder.build([p]).header)
        #expect(header.contains("recorded  files matching --exclude */site-packages/* were not recorded"))
    }

    @Test func aTruncatedTraceKeepsItsCompleteChunks() throws {
        var t = SyntheticTrace()
        t.code(1, "main"); t.code(2, "f")
        t.events[0] = [ev(.call, 1, 0), ev(.call, 2, 10), ev(.return, 2, 20), ev(.call, 2, 30),
                       ev(.return, 2, 35), ev(.return, 1, 50)]
        t.chunkSize = 3
        t.end = nil
        let path = temporaryPath("cut.lz4")
        try t.write(to: path)
        let full = try Foundation.Data(contentsOf: URL(fileURLWithPath: path))
        try full.prefix(full.count - 9).write(to: URL(fileURLWithPath: path))
        let p = try TraceAnalyzer.analyze(path: path)
        let s = Self.stats(p)
        // Only the first chunk (main and f entered, f returned at 20) survives.
        #expect(s[2] == FunctionStats(calls: 1, totalNs: 10, selfNs: 10, maxNs: 10, primitiveCalls: 1))
        #expect(s[1] == FunctionStats(calls: 1, totalNs: 20, selfNs: 10, maxNs: 20, primitiveCalls: 1))
        #expect(p.problems.contains { ProblemText.sentence($0).contains("trace ends inside a chunk") })
        #expect(p.problems.contains(.noEndRecord))
        #expect(p.events == 3)
    }
}
