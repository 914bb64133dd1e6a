import Foundation
import PyFrameTestSupport
import Testing
import TraceAnalysis
import TraceFormat
import TraceRender

/// A trace recorded with `--signal` says which windows were recorded and
/// that the gaps were paused; a thread paused and resumed (two streams in
/// the trace) is one thread in every report.
@Suite struct PausedRecordingTests {
    /// MainThread (tid 77) runs f 10–30 ms, recording pauses at 40 ms,
    /// resumes in a new stream: f 60–90 ms; the trace ends at 100 ms.
    /// A worker thread (tid 78) runs g 65–70 ms in the second window.
    static func paused() -> SyntheticTrace {
        var t = SyntheticTrace()
        t.process.properties = ["signal": "SIGUSR2"]
        t.code(1, "f")
        t.code(2, "g")
        let ms: UInt64 = 1_000_000
        t.threads = [ThreadRecord(index: 0, nativeId: 77, ident: 1, name: "MainThread", endTime: 40 * ms),
                     ThreadRecord(index: 1, nativeId: 77, ident: 1, name: "MainThread"),
                     ThreadRecord(index: 2, nativeId: 78, ident: 2, name: "worker")]
        t.events[0] = [ev(.call, 1, 10 * ms), ev(.return, 1, 30 * ms)]
        t.events[1] = [ev(.call, 1, 60 * ms), ev(.return, 1, 90 * ms)]
        t.events[2] = [ev(.call, 2, 65 * ms), ev(.return, 2, 70 * ms)]
        t.end = EndRecord(endTime: 100 * ms, eventsWritten: 6)
        return t
    }

    static let windows = "recording was paused and resumed with SIGUSR2 (--signal): recorded only 10.000–40.000 ms, "
        + "60.000–100.000 ms of 100.000 ms; outside these windows recording was paused and nothing is counted"

    @Test func headerSaysWhichWindowsWereRecorded() throws {
        let profile = try Fixtures.profile(Self.paused())
        #expect(profile.recordedWindows == [10_000_000...40_000_000, 60_000_000...100_000_000])
        let report = try ReportBuilder.build([profile])
        let lines = ReportTableRenderer.render(report)
        #expect(lines.contains("threads   2 (MainThread, worker)"))
        #expect(lines.contains("recorded  " + Self.windows))
        let json = ReportJSONRenderer.render(report)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let header = try #require(object["header"] as? [String: Any])
        #expect(header["threads"] as? Int == 2)
        let process = try #require((header["processes"] as? [[String: Any]])?.first)
        #expect(process["recording_limits"] as? [String] == [Self.windows])
        let threads = try #require(process["threads"] as? [[String: Any]])
        #expect(threads.map { $0["streams"] as? [Int] } == [[0, 1], [2]])
        let html = try Fixtures.htmlPage([profile])
        #expect(html.contains(Self.windows))
    }

    @Test func aResumedThreadIsOneThread() throws {
        let profile = try Fixtures.profile(Self.paused())
        #expect(profile.programThreads == [[0, 1], [2]])
        let report = try ReportBuilder.build([profile], options: ReportOptions(perThread: true))
        #expect(report.tables.map { $0.thread?.name } == ["MainThread", "worker"])
        let f = try #require(report.tables[0].rows.first)
        #expect(f.stats.calls == 2)
        #expect(f.stats.totalNs == 50_000_000)
        #expect(report.tables[0].thread?.durationNs == 30_000_000 + 40_000_000)
    }

    @Test func unpausedThreadsWithAReusedIdStayApart() throws {
        var t = Self.paused()
        t.process.properties = [:]
        t.threads[0].endTime = nil  // thread 0 ended; the kernel gave its id to a new thread
        let profile = try Fixtures.profile(t)
        #expect(profile.programThreads == [[0], [1], [2]])
        #expect(profile.recordedWindows == nil)
        #expect(profile.pauseSentence == nil)
    }

    @Test func speedscopeHasOneProfilePerThread() throws {
        let profile = try Fixtures.profile(Self.paused())
        let path = try TimelineExportTests.export([profile], SpeedscopeExporter.write)
        let found = try #require(ExportCheck.speedscope(path))
        let profiles = try #require(found["profiles"] as? [[String: Any]])
        #expect(profiles.map { $0["name"] as? String } == ["MainThread", "worker"])
        #expect(profiles[0]["opens"] as? Int == 2)
        #expect(profiles[0]["self"] as? [String: Int] == ["f": 50_000_000])
    }

    /// A real program that resumes, pauses and resumes its own recording.
    @Test func realSignalRecording() throws {
        guard let python = PyFrameTool.python, let binary = PyFrameTool.binary() else { return }
        let dir = temporaryPath("signal")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try """
            import os, signal
            def work(n):
                return sum(range(n))
            def toggle():
                os.kill(os.getpid(), signal.SIGUSR2)
            toggle()            # resume
            work(1000)
            toggle()            # pause
            work(1000)
            toggle()            # resume
            work(1000)
            """.write(toFile: dir + "/toggle.py", atomically: true, encoding: .utf8)
        let trace = dir + "/t.lz4"
        // ProcessRunner starts pyframe with SIGUSR2 deliverable.
        let recorded = PyFrameTool.run(binary, ["record", "--signal", "-o", trace,
                                                 "--", python, "toggle.py"], directory: dir)
        #expect(recorded.status == 0, "\(recorded.stderr)")
        let report = try #require(PyFrameTool.pyframe(["report", trace]))
        let lines = report.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("threads   1 (MainThread)"), "\(report.stdout)")
        let windows = try #require(lines.first { $0.hasPrefix("recorded  recording was paused and resumed with SIGUSR2 (--signal): recorded only ") })
        #expect(windows.hasSuffix("outside these windows recording was paused and nothing is counted"))
        #expect(windows.components(separatedBy: " ms").count - 1 == 3, "two windows and the total: \(windows)")
        let perThread = try #require(PyFrameTool.pyframe(["report", "--threads", trace]))
        #expect(perThread.stdout.components(separatedBy: "\nthread MainThread").count == 2, "\(perThread.stdout)")
    }
}
