import Foundation
import PyFrameTestSupport
import Testing
import TraceAnalysis
import TraceFormat
import TraceRender

/// Chrome trace and speedscope exports of synthetic traces, checked by a
/// Python `json` reader against values worked out by hand (see ``Fixtures/stacks()``).
@Suite struct TimelineExportTests {
    /// Exports `profiles` with `write` into a file and returns its path.
    static func export(_ profiles: [TraceProfile],
                       _ write: ([TraceProfile], (String) -> Void) throws(TraceError) -> Void) throws -> String {
        var text = ""
        try write(profiles) { text += $0 + "\n" }
        let path = temporaryPath("export.json")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func chromeEventsAreExact() throws {
        let profile = try Fixtures.profile(Fixtures.stacks())
        let path = try Self.export([profile], ChromeTraceExporter.write)
        let found = try #require(ExportCheck.chrome(path))
        #expect(found["complete"] as? Int == 6)
        #expect(found["threads"] as? Int == 2)
        #expect(found["names"] as? [String: Int] == [
            "run (app.py:1)": 1, "step;odd (app.py:5)": 2, "gen (app.py:9)": 2, "work (pool.py:3)": 1,
        ])
        #expect(found["self"] as? [String: Int] == [
            "run (app.py:1)": 58, "step;odd (app.py:5)": 30, "gen (app.py:9)": 12, "work (pool.py:3)": 20,
        ])
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(#""name":"work (pool.py:3)","cat":"python","pid":4242,"tid":2,"ts":0.005,"dur":0.020}"#))
        #expect(text.contains(#"{"ph":"M","name":"thread_name","pid":4242,"tid":1,"args":{"name":"MainThread"}}"#))
        #expect(text.contains(#"{"ph":"M","name":"process_name","pid":4242,"tid":0,"args":{"name":"python3 app.py"}}"#))
    }

    @Test func speedscopeProfilesAreExact() throws {
        let profile = try Fixtures.profile(Fixtures.stacks())
        let path = try Self.export([profile], SpeedscopeExporter.write)
        let found = try #require(ExportCheck.speedscope(path))
        #expect(found["frames"] as? [String] == ["<unknown code>", "run", "step;odd", "gen", "work"])
        let profiles = try #require(found["profiles"] as? [[String: Any]])
        #expect(profiles.count == 2)
        #expect(profiles.map { $0["name"] as? String } == ["MainThread", "pool-1"])
        #expect(profiles.map { $0["opens"] as? Int } == [5, 1])
        #expect(profiles[0]["self"] as? [String: Int] == ["run": 58, "step;odd": 30, "gen": 12])
        #expect(profiles[1]["self"] as? [String: Int] == ["work": 20])
        #expect(profiles.map { $0["start"] as? Int } == [0, 5])
        #expect(profiles.map { $0["end"] as? Int } == [100, 25])
    }

    /// Chunks lost at a thread's start and in its middle: the first kept
    /// chunk opens its open frames at its first time, a gap closes frames
    /// that ended in it; both formats stay balanced and nested.
    @Test func lostEventsStayBalanced() throws {
        var trace = Fixtures.stacks()
        trace.chunkSize = 2
        trace.omit = [[0, 0], [0, 2]]
        let profile = try Fixtures.profile(trace)
        let chrome = try #require(ExportCheck.chrome(try Self.export([profile], ChromeTraceExporter.write)))
        // run and step opened at 20 (first kept chunk), step closed at the gap,
        // gen opened after it and resumed once, work on the other thread.
        #expect(chrome["names"] as? [String: Int] == [
            "run (app.py:1)": 1, "step;odd (app.py:5)": 2, "gen (app.py:9)": 2, "work (pool.py:3)": 1,
        ])
        let speedscope = try #require(ExportCheck.speedscope(try Self.export([profile], SpeedscopeExporter.write)))
        let profiles = try #require(speedscope["profiles"] as? [[String: Any]])
        #expect(profiles.map { $0["opens"] as? Int } == [5, 1])
        #expect(profiles[0]["start"] as? Int == 20)
        #expect(profiles[0]["end"] as? Int == 100)
    }

    /// Frames still open when a thread's events stop close at the trace's
    /// end; marks become thread-scoped instant events; labels are escaped.
    @Test func openFramesCloseAtTheEndAndMarksAreInstants() throws {
        let profile = try Fixtures.marked([Mark(thread: 0, time: 15, label: "before \"patch\"")])
        let file = try Self.export([profile], ChromeTraceExporter.write)
        let found = try #require(ExportCheck.chrome(file))
        #expect(found["self"] as? [String: Int] == ["main (app.py:1)": 40, "step (app.py:1)": 10])
        #expect((found["marks"] as? [[Any]])?.first?[0] as? String == "before \"patch\"")
        #expect((found["marks"] as? [[Any]])?.first?[1] as? Int == 15)
        #expect((found["marks"] as? [[Any]])?.first?[2] as? Int == 99)
        let speedscope = try #require(ExportCheck.speedscope(try Self.export([profile], SpeedscopeExporter.write)))
        #expect((speedscope["profiles"] as? [[String: Any]])?.first?["end"] as? Int == 50)
    }

    /// Two traces: one file, one process each, on one wall-clock timeline.
    @Test func severalTracesShareOneTimeline() throws {
        var later = Fixtures.stacks()
        later.process.pid = 5000
        later.process.startWallNs += 1_000
        let profiles = [try Fixtures.profile(Fixtures.stacks()), try Fixtures.profile(later)]
        let chrome = try #require(ExportCheck.chrome(try Self.export(profiles, ChromeTraceExporter.write)))
        #expect(chrome["complete"] as? Int == 12)
        #expect(chrome["threads"] as? Int == 4)
        let path = try Self.export(profiles, SpeedscopeExporter.write)
        let speedscope = try #require(ExportCheck.speedscope(path))
        let found = try #require(speedscope["profiles"] as? [[String: Any]])
        #expect(found.map { $0["name"] as? String } == ["pid 4242 MainThread", "pid 4242 pool-1",
                                                       "pid 5000 MainThread", "pid 5000 pool-1"])
        #expect(found.map { $0["start"] as? Int } == [0, 5, 1000, 1005])
    }
}
