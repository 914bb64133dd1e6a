import PyFrameTestSupport
import Testing
import TraceAnalysis
import TraceFormat

/// The parallel analyzer must give exactly what one sequential pass gives,
/// and both must agree with the slow reference definitions.
@Suite struct ParallelEquivalenceTests {
    static func workload() -> SyntheticTrace {
        var t = SyntheticTrace()
        for id in UInt32(1)...40 { t.code(id, "f\(id)") }
        t.threads = (0..<3).map { ThreadRecord(index: $0, nativeId: UInt64(100 + $0), ident: UInt64($0), name: "t\($0)") }
        for thread in UInt32(0)..<3 {
            var w = RandomWorkload(seed: 0xC0FFEE + UInt64(thread))
            t.events[thread] = w.events(count: 60_000 + Int(thread) * 7_001, codes: 40, start: UInt64(thread) * 1000)
        }
        t.chunkSize = 997  // many chunks, most boundaries inside deep stacks
        t.end = EndRecord(endTime: 0, eventsWritten: 0)
        return t
    }

    @Test func parallelEqualsSequentialEqualsReference() throws {
        let trace = Self.workload()
        let path = temporaryPath("random.lz4")
        try trace.write(to: path)
        let sequential = try TraceAnalyzer.analyze(path: path, options: AnalysisOptions(workers: 1, collectStacks: true))
        let parallel = try TraceAnalyzer.analyze(path: path, options: AnalysisOptions(workers: 2, collectStacks: true))
        let wide = try TraceAnalyzer.analyze(path: path, options: AnalysisOptions(workers: 7, collectStacks: true))

        #expect(sequential.events == 60_000 + 67_001 + 74_002)
        #expect(sequential.threads.allSatisfy { $0.chunks > 50 })
        #expect(parallel.statsByThread() == sequential.statsByThread())
        #expect(wide.statsByThread() == sequential.statsByThread())
        #expect(parallel.stacksByThread() == sequential.stacksByThread())
        #expect(wide.stackCallsByThread() == sequential.stackCallsByThread())

        let endTime = trace.events.values.compactMap { $0.last?.time }.max()
        let reference = ReferenceModel(events: trace.events, endTime: endTime)
        #expect(sequential.statsByThread() == reference.nonEmptyStats)
        #expect(sequential.stacksByThread() == reference.nonZeroStacks)
        #expect(sequential.stackCallsByThread() == reference.nonZeroStackCalls)
        // Some frames are open at the end, and recursion is frequent.
        #expect(trace.events.values.contains { list in
            list.reduce(0) { $0 + ($1.kind.isEntry ? 1 : -1) } > 0
        })
    }

    @Test func reportOnlyAndStackPassesAgree() throws {
        let trace = Self.workload()
        let path = temporaryPath("random2.lz4")
        try trace.write(to: path)
        let fast = try TraceAnalyzer.analyze(path: path, options: AnalysisOptions(workers: 2, collectStacks: false))
        let full = try TraceAnalyzer.analyze(path: path, options: AnalysisOptions(workers: 2, collectStacks: true))
        #expect(fast.statsByThread() == full.statsByThread())
        #expect(fast.threads.allSatisfy { $0.stacks == nil })
    }

    @Test func selfTimeOfAllStacksAddsUpToSelfTimeOfAllFunctions() throws {
        let trace = Self.workload()
        let path = temporaryPath("random3.lz4")
        try trace.write(to: path)
        let p = try TraceAnalyzer.analyze(path: path, options: AnalysisOptions(workers: 2, collectStacks: true))
        for t in p.threads {
            let bySelf = t.functions.nonEmpty().reduce(UInt64(0)) { $0 + $1.stats.selfNs }
            let byStack = t.stacks!.stacks().reduce(UInt64(0)) { $0 + $1.selfNs }
            #expect(bySelf == byStack)
            #expect(bySelf > 0)
        }
    }
}

extension ParallelEquivalenceTests {
    /// `flame`'s pass (call trees, no per-function statistics) builds the
    /// same trees as the full one, with any number of workers, and keeps
    /// the tables' size (the highest code id), which names functions.
    @Test func stacksOnlyPassGivesTheSameTrees() throws {
        let trace = Self.workload()
        let path = temporaryPath("random4.lz4")
        try trace.write(to: path)
        let full = try TraceAnalyzer.analyze(path: path, options: AnalysisOptions(workers: 2, collectStacks: true))
        for workers in [1, 2, 7] {
            let trees = try TraceAnalyzer.analyze(
                path: path, options: AnalysisOptions(workers: workers, collectStacks: true, collectFunctions: false))
            #expect(trees.stacksByThread() == full.stacksByThread())
            #expect(trees.stackCallsByThread() == full.stackCallsByThread())
            #expect(trees.events == full.events)
            #expect(trees.threads.map(\.functions.count) == full.threads.map(\.functions.count))
            #expect(trees.threads.allSatisfy { $0.functions.nonEmpty().isEmpty })
        }
        #expect(full.threads.allSatisfy { !$0.functions.nonEmpty().isEmpty })
    }
}
