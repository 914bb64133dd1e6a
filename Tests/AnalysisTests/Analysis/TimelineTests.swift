import Testing
import TraceAnalysis
import TraceFormat

/// ``TraceTimeline`` replays a thread from the chunk list the analysis made
/// exactly as from its own pass over the file, also across lost chunks.
@Suite struct TimelineTests {
    static func steps(_ timeline: TraceTimeline, _ profile: TraceProfile) -> [UInt32: [TraceTimeline.Step]] {
        var all: [UInt32: [TraceTimeline.Step]] = [:]
        for thread in timeline.threads {
            timeline.walk(thread: thread, endTime: profile.durationNs) { all[thread, default: []].append($0) }
        }
        return all
    }

    @Test(arguments: [1, 2])
    func theAnalysisChunkListReplaysLikeAFileScan(workers: Int) throws {
        var trace = Fixtures.stacks()
        trace.chunkSize = 2
        trace.omit = [[0, 2]]
        let profile = try Fixtures.profile(trace, workers: workers)
        #expect(profile.eventChunks.mapValues(\.count) == [0: 4, 1: 1])
        let fromAnalysis = Self.steps(try TraceTimeline(profile: profile), profile)
        let fromFile = Self.steps(try TraceTimeline(path: profile.path), profile)
        #expect(fromAnalysis == fromFile)
        // Thread 1's one frame, exactly.
        #expect(fromAnalysis[1] == [.open(code: 4, time: 5), .close(code: 4, time: 25)])
        // Every opening has its closing, and times never go backwards.
        for steps in fromAnalysis.values {
            var depth = 0
            var last: UInt64 = 0
            for step in steps {
                switch step {
                case let .open(_, time): depth += 1; #expect(time >= last); last = time
                case let .close(_, time): depth -= 1; #expect(time >= last); last = time
                }
                #expect(depth >= 0)
            }
            #expect(depth == 0)
        }
    }
}
