import Foundation
import PyFrameTestSupport
import Testing
import TraceAnalysis
import TraceFormat
import TraceRender

/// `pyframe export --format perfetto`, read back by Google's protobuf
/// package with message definitions from Perfetto's schema
/// (``PerfettoCheck``): slices per thread track against values worked out
/// by hand on synthetic traces (see ``Fixtures/stacks()``), and against
/// `pyframe report --format json` on a recorded program.
@Suite(.enabled(if: PprofCheck.python != nil,
                "needs the protobuf package from PyPI in .build-export/venv, which could not be installed"))
struct PerfettoExportTests {
    /// Exports `profiles` into a file and returns what the reader found.
    static func read(_ profiles: [TraceProfile], compress: Bool = false) throws -> [String: Any] {
        var bytes: [UInt8] = []
        try PerfettoExporter.write(profiles, compress: compress) { bytes.append(contentsOf: $0) }
        let path = temporaryPath("export.pftrace")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return try #require(PerfettoCheck.read(path))
    }

    static func threads(_ found: [String: Any]) -> [[String: Any]] { found["threads"] as? [[String: Any]] ?? [] }

    @Test func syntheticSlicesAreExact() throws {
        let profile = try Fixtures.profile(Fixtures.stacks())
        let found = try Self.read([profile])
        #expect(found["counts"] as? [String: Int] == [
            "run (app.py:1)": 1, "step;odd (app.py:5)": 2, "gen (app.py:9)": 2, "work (pool.py:3)": 1,
        ])
        #expect(found["self"] as? [String: Int] == [
            "run (app.py:1)": 58, "step;odd (app.py:5)": 30, "gen (app.py:9)": 12, "work (pool.py:3)": 20,
        ])
        let start = Int(profile.process.startWallNs)
        let threads = Self.threads(found)
        #expect(threads.map { $0["name"] as? String } == ["MainThread", "pool-1"])
        #expect(threads.map { $0["tid"] as? Int } == [1, 2])
        #expect(threads.map { $0["pid"] as? Int } == [4242, 4242])
        #expect(threads.map { $0["slices"] as? Int } == [5, 1])
        #expect(threads.map { $0["first"] as? Int } == [start, start + 5])
        #expect(found["sequences"] as? Int == 2)
        let processes = found["processes"] as? [String: [String: Any]]
        #expect(processes?["4242"]?["name"] as? String == "python3 app.py")
        #expect(processes?["4242"]?["cmdline"] as? [String] == profile.process.argv)
    }

    /// Compressed, the packets are the same, inside `compressed_packets`
    /// (several bundles when there are more than 480 KiB of packets).
    @Test func compressedPacketsHoldTheSameTrace() throws {
        let profile = try Fixtures.profile(Fixtures.stacks())
        var plain = try Self.read([profile])
        var compressed = try Self.read([profile], compress: true)
        #expect(plain.removeValue(forKey: "bundles") as? Int == 0)
        #expect(compressed.removeValue(forKey: "bundles") as? Int == 1)
        #expect(NSDictionary(dictionary: plain).isEqual(to: compressed))
        let found = try Self.read([try Fixtures.profile(Self.steps(100_000))], compress: true)
        #expect((found["bundles"] as? Int ?? 0) > 1)
        #expect(found["counts"] as? [String: Int] == ["run (app.py:1)": 1, "step (app.py:1)": 100_000])
        #expect(found["self"] as? [String: Int] == ["run (app.py:1)": 2_000_100, "step (app.py:1)": 2_000_000])
    }

    /// A frame costs its two slice packets and nothing more: 12 bytes for a
    /// begin (packet key and length, time delta, sequence id, TrackEvent with
    /// type and name id) and 10 for an end, with deltas under 128 ns and a
    /// name id under 128; the names are interned once, however many frames.
    @Test func aFrameCostsTwentyTwoBytes() throws {
        func size(_ frames: UInt64) throws -> Int {
            var bytes = 0
            try PerfettoExporter.write([try Fixtures.profile(Self.steps(frames))]) { bytes += $0.count }
            return bytes
        }
        #expect(try size(1_010) - size(10) == 1_000 * (12 + 10))
    }

    /// `run` calling `step` `frames` times, a frame every 40 ns (20 ns long).
    static func steps(_ frames: UInt64) -> SyntheticTrace {
        var trace = SyntheticTrace()
        trace.code(1, "run")
        trace.code(2, "step")
        trace.threads = [ThreadRecord(index: 0, nativeId: 7, ident: 1, name: "MainThread")]
        var events = [ev(.call, 1, 0)]
        for i in 0..<frames {
            events.append(ev(.call, 2, 10 + 40 * i))
            events.append(ev(.return, 2, 30 + 40 * i))
        }
        events.append(ev(.return, 1, 40 * frames + 100))
        trace.events[0] = events
        trace.end = EndRecord(endTime: 40 * frames + 100, eventsWritten: 2 * frames + 2)
        return trace
    }

    /// Chunks lost at a thread's start and in its middle: the slices stay
    /// balanced and nested, as in the Chrome export.
    @Test func lostEventsStayBalanced() throws {
        var trace = Fixtures.stacks()
        trace.chunkSize = 2
        trace.omit = [[0, 0], [0, 2]]
        let found = try Self.read([try Fixtures.profile(trace)])
        #expect(found["counts"] as? [String: Int] == [
            "run (app.py:1)": 1, "step;odd (app.py:5)": 2, "gen (app.py:9)": 2, "work (pool.py:3)": 1,
        ])
        #expect(Self.threads(found).first?["first"] as? Int == Int(Fixtures.stacks().process.startWallNs) + 20)
    }

    /// Frames still open when a thread's events stop close at the trace's
    /// end; a mark is an instant event on its thread's track, at its time
    /// among the slices.
    @Test func marksAreInstantsAndOpenFramesCloseAtTheEnd() throws {
        let profile = try Fixtures.marked([Mark(thread: 0, time: 15, label: "before \"patch\""),
                                           Mark(thread: 0, time: 70, label: "after")])
        let found = try Self.read([profile])
        #expect(found["self"] as? [String: Int] == ["main (app.py:1)": 40, "step (app.py:1)": 10])
        let start = Int(profile.process.startWallNs)
        let marks = try #require(found["marks"] as? [[Any]])
        #expect(marks.map { $0[0] as? String } == ["before \"patch\"", "after"])
        #expect(marks.map { $0[1] as? Int } == [start + 15, start + 70])
        #expect(marks.map { $0[2] as? Int } == [99, 99])
    }

    /// Two traces: one file, a process track each with its thread tracks,
    /// every thread its own sequence.
    @Test func severalTracesAreProcesses() throws {
        var later = Fixtures.stacks()
        later.process.pid = 5000
        later.process.startWallNs += 1_000
        let found = try Self.read([try Fixtures.profile(Fixtures.stacks()), try Fixtures.profile(later)])
        #expect(found["sequences"] as? Int == 4)
        let threads = Self.threads(found)
        #expect(threads.map { $0["pid"] as? Int } == [4242, 4242, 5000, 5000])
        let start = Int(Fixtures.stacks().process.startWallNs)
        #expect(threads.map { $0["first"] as? Int } == [start, start + 5, start + 1000, start + 1005])
        #expect((found["processes"] as? [String: Any])?.keys.sorted() == ["4242", "5000"])
        #expect((found["counts"] as? [String: Int])?["run (app.py:1)"] == 2)
    }

    /// The program of ``RecordedExportTests`` between two marks.
    static let script = "import pyframe\npyframe.mark(\"start\")\n" + RecordedExportTests.script
        + "\npyframe.mark(\"done\")\n"

    /// A recorded program: slices per function equal the report's calls and
    /// resumes, their self times its self times; marks at the report's times.
    @Test func recordedTraceMatchesTheReport() throws {
        let trace = try #require(PyFrameTool.record(Self.script))
        let out = temporaryPath("out.pftrace")
        let export = try #require(PyFrameTool.pyframe(["export", "--format", "perfetto", "-o", out, trace]))
        #expect(export.status == 0, "\(export.stderr)")
        let found = try #require(PerfettoCheck.read(out))
        let report = try #require(PyFrameTool.pyframe(["report", "--format", "json", "--limit", "0", trace]))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        let rows = try #require(json["functions"] as? [[String: Any]])
        var calls: [String: Int] = [:], selfNs: [String: Int] = [:]
        for row in rows {
            let name = try #require(row["name"] as? String)
            calls[name] = (row["calls"] as? Int ?? 0) + (row["resumes"] as? Int ?? 0)
            selfNs[name] = row["self_ns"] as? Int
        }
        #expect(found["counts"] as? [String: Int] == calls)
        #expect(found["self"] as? [String: Int] == selfNs)
        let compressed = temporaryPath("out-compressed.pftrace")
        let again = try #require(PyFrameTool.pyframe(["export", "--format", "perfetto", "--compress", "-o", compressed, trace]))
        #expect(again.status == 0, "\(again.stderr)")
        let inflated = try #require(PerfettoCheck.read(compressed))
        #expect(inflated["counts"] as? [String: Int] == calls)
        #expect((inflated["bundles"] as? Int ?? 0) >= 1)
        #expect(calls.contains { $0.key.hasPrefix("fib (fixture.py:") && $0.value == 20 * 177 + 465 })
        // The generator: its creation, then 50 resumes that yield and one that returns.
        #expect(calls.contains { $0.key.hasPrefix("numbers (fixture.py:") && $0.value == 1 + 51 })
        #expect(Set(Self.threads(found).compactMap { $0["name"] as? String }) == ["MainThread", "worker"])
        let profile = try TraceAnalyzer.analyze(path: trace)
        let start = Int(profile.process.startWallNs)
        let marks = try #require(found["marks"] as? [[Any]])
        let reported = try #require(json["marks"] as? [[String: Any]])
        #expect(marks.map { $0[0] as? String } == ["start", "done"])
        #expect(marks.map { $0[0] as? String } == reported.map { $0["label"] as? String })
        #expect(marks.map { ($0[1] as? Int ?? 0) - start } == reported.map { $0["time_ns"] as? Int ?? -1 })
    }

    @Test func badInputIsOneLine() throws {
        let misplaced = try #require(PyFrameTool.pyframe(["export", "--format", "chrome", "--compress", "/nonexistent/trace.lz4"]))
        #expect(misplaced.status == 1)
        #expect(misplaced.stderr == "pyframe: --compress applies to --format perfetto only\n")
        let missing = try #require(PyFrameTool.pyframe(["export", "--format", "perfetto", "-o", temporaryPath("x"),
                                                        "/nonexistent/trace.lz4"]))
        #expect(missing.status == 1)
        #expect(missing.stderr == "pyframe: /nonexistent/trace.lz4: no such file or directory\n")
    }
}
