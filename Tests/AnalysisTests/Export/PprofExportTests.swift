import Foundation
import PyFrameTestSupport
import Testing
import TraceAnalysis
import TraceFormat
import TraceRender

/// The pprof export, parsed by Google's protobuf package, and the
/// hand-written wire format underneath it.
@Suite struct PprofExportTests {
    @Test func wireFormatMatchesTheSpecification() {
        var w = ProtobufWriter()
        w.uint64(1, 300)          // key 0x08, varint 300 = AC 02
        w.int64(2, 0)             // zero: left out
        w.string(3, "")           // key 0x1A, length 0
        w.packed(4, [UInt64(1), 150])  // key 0x22, length 3, 01 96 01
        w.int64(5, -1)            // ten-byte two's complement varint
        #expect(w.bytes == [0x08, 0xAC, 0x02, 0x1A, 0x00, 0x22, 0x03, 0x01, 0x96, 0x01,
                            0x28, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01])
    }

    @Test(.enabled(if: PprofCheck.python != nil,
                   "needs the protobuf package from PyPI in .build-export/venv, which could not be installed"))
    func samplesAreExactStacks() throws {
        let profile = try Fixtures.profile(Fixtures.stacks())
        let path = temporaryPath("profile.pb.gz")
        try Data(try PprofExporter.export([profile])).write(to: URL(fileURLWithPath: path))
        let found = try #require(PprofCheck.read(path))
        #expect(found["types"] as? [[String]] == [["wall", "nanoseconds"], ["calls", "count"]])
        #expect(found["default"] as? String == "wall")
        let calls = profile.mergedFunctions().nonEmpty().reduce(UInt64(0)) { $0 + $1.stats.calls }
        #expect(found["sums"] as? [Int] == [Int(profile.totalSelfNs), Int(calls)])
        #expect(found["sums"] as? [Int] == [120, 5])
        #expect(found["paths"] as? [String] == [
            "run 58", "run;gen 12", "run;step;odd 20", "run;step;odd;step;odd 10", "work 20",
        ])
        let functions = try #require(found["functions"] as? [[Any]])
        #expect(functions.map { $0[0] as? String } == ["gen", "run", "step;odd", "work"])
        #expect(functions.map { $0[1] as? String } == ["gen (app.py:9)", "run (app.py:1)", "step;odd (app.py:5)", "work (pool.py:3)"])
        #expect(functions.map { $0[2] as? String } == ["app.py", "app.py", "app.py", "pool.py"])
        #expect(functions.map { $0[3] as? Int } == [9, 1, 5, 3])
        #expect(found["time_nanos"] as? Int == 1_700_000_000_000_000_000)
        #expect(found["duration_nanos"] as? Int == 100)
    }
}
