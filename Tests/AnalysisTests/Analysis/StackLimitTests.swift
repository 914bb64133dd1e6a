import PyFrameTestSupport
import Testing
import TraceAnalysis
import TraceFormat
import TraceRender

/// Past the per-thread stack limit, rarer stacks are grouped, not dropped.
@Suite struct StackLimitTests {
    @Test func stacksBeyondTheLimitAreGroupedWithNothingLost() throws {
        let trace = ParallelEquivalenceTests.workload()
        let path = temporaryPath("limited.lz4")
        try trace.write(to: path)
        let full = try TraceAnalyzer.analyze(path: path, options: AnalysisOptions(workers: 2, collectStacks: true))
        let limited = try TraceAnalyzer.analyze(
            path: path, options: AnalysisOptions(workers: 2, collectStacks: true, stackLimit: 500))
        // Per-function numbers do not depend on stacks at all.
        #expect(limited.statsByThread() == full.statsByThread())
        #expect(limited.threads.allSatisfy { $0.stacks!.overflowed && $0.stacks!.count <= 3 * 500 })
        #expect(!full.threads.contains { $0.stacks!.overflowed })
        #expect(limited.problems.contains { if case .stackLimitReached = $0 { true } else { false } })
        let graph = FlameBuilder.build([limited])
        let lines = FoldedStacksRenderer.lines(graph)
        let sum = lines.reduce(UInt64(0)) { $0 + UInt64($1.split(separator: " ").last!)! }
        #expect(sum == limited.totalSelfNs)
        #expect(sum == full.totalSelfNs)
        #expect(lines.contains { $0.contains(FlameGraph.otherStacksName) })
        // "[other stacks]" nodes never nest.
        #expect(!lines.contains { $0.contains("\(FlameGraph.otherStacksName);") })
    }
}
