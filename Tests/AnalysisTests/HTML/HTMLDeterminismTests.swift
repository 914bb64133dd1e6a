import PyFrameTestSupport
import Testing
import TraceAnalysis

/// The HTML page of a trace is the same however many jobs analysed it:
/// call-tree node numbers follow the order parallel jobs merged their
/// chunks in, so the flame chart lists its nodes in name order instead.
@Suite struct HTMLDeterminismTests {
    @Test func samePageWithOneTwoOrSevenJobs() throws {
        let path = temporaryPath("html-jobs.lz4")
        try ParallelEquivalenceTests.workload().write(to: path)
        let pages = try [1, 2, 7].map { workers in
            try Fixtures.htmlPage([TraceAnalyzer.analyze(path: path, options: AnalysisOptions(workers: workers, collectStacks: true))])
        }
        #expect(pages[0].count > 10_000)
        #expect(pages[1] == pages[0])
        #expect(pages[2] == pages[0])
    }
}
