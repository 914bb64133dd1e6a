import Foundation
import PyFrameTestSupport
import Testing
import TraceAnalysis
import TraceRender
import TraceFormat

/// Damage inside a trace costs only the damaged chunk, is reported, and the
/// rest of the thread is re-synchronised from the next chunk's header.
@Suite struct DamageTests {
    @Test func aCorruptChunkIsSkippedAndReported() throws {
        var t = SyntheticTrace()
        t.code(1, "main"); t.code(2, "f")
        var events = [ev(.call, 1, 0)]
        for i in UInt64(0)..<30 { events += [ev(.call, 2, 10 + i * 10), ev(.return, 2, 15 + i * 10)] }
        events.append(ev(.return, 1, 400))
        t.events[0] = events
        t.chunkSize = 10
        let path = temporaryPath("damaged.lz4")
        try t.write(to: path)
        let intact = try TraceAnalyzer.analyze(path: path)

        // Flip a byte in the middle of the third events frame (process, codes, then events).
        let frames = try TraceFile(path: path).scan.chunks
        let victim = frames[4]
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[victim.offset + victim.length / 2] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: path))

        let damaged = try TraceAnalyzer.analyze(path: path)
        #expect(damaged.problems.contains { ProblemText.sentence($0).contains("damaged trace at byte \(victim.offset)") })
        #expect(damaged.problems.contains { if case .chunksMissing = $0 { true } else { false } })
        #expect(damaged.threads[0].missingChunks == 1)
        #expect(damaged.events == intact.events - 10)
        let s = damaged.statsByThread()[0]!
        // Five calls of f (ten events) are lost; main still spans the whole run.
        #expect(s[2]!.calls == 25)
        #expect(s[1]!.totalNs == 400)
        #expect(s[1]!.calls == 1)
    }

    @Test func garbageBetweenChunksIsSkipped() throws {
        var t = SyntheticTrace()
        t.code(1, "main")
        t.events[0] = [ev(.call, 1, 0), ev(.return, 1, 50)]
        let path = temporaryPath("garbage.lz4")
        try t.write(to: path)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let frames = try TraceFile(path: path).scan.chunks
        bytes.insert(contentsOf: Data(repeating: 0xAB, count: 37), at: frames[2].offset)
        try bytes.write(to: URL(fileURLWithPath: path))
        let p = try TraceAnalyzer.analyze(path: path)
        #expect(p.problems.map(ProblemText.sentence).contains { $0.contains("damaged chunk at byte \(frames[2].offset)") && $0.contains("skipped 37 bytes") })
        #expect(p.statsByThread()[0]?[1]?.totalNs == 50)
    }

    /// The frame index reads the file in 1 MiB windows: frames that straddle
    /// a window's end, and a frame larger than a window, must still be found.
    @Test(arguments: [4096, 1 << 20])
    func framesAreFoundAcrossReadWindows(chunkSize: Int) throws {
        var t = SyntheticTrace()
        t.code(1, "main"); t.code(2, "f")
        var events = [ev(.call, 1, 0)]
        var time: UInt64 = 1
        var state: UInt64 = 12345
        for _ in 0..<250_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            time += 1 + (state >> 33) % 100_000  // varied deltas compress poorly
            events += [ev(.call, 2, time), ev(.return, 2, time + (state >> 50))]
            time += state >> 50
        }
        events.append(ev(.return, 1, time + 1))
        t.events[0] = events
        t.chunkSize = chunkSize
        let path = temporaryPath("big.lz4")
        try t.write(to: path)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        #expect(size > 1 << 20)
        if chunkSize > 500_000 {
            #expect(try TraceFile(path: path).scan.chunks.contains { $0.length > 1 << 20 })
        }
        let p = try TraceAnalyzer.analyze(path: path)
        #expect(p.problems.isEmpty)
        #expect(p.events == UInt64(events.count))
        #expect(p.threads[0].chunks == TraceFile.chunkCount(path))
    }
}

extension TraceFile {
    /// The number of events chunks, counted the simple way.
    static func chunkCount(_ path: String) -> Int {
        var n = 0
        try? TraceFile(path: path).forEachChunk { _, chunk in
            if case .events = chunk { n += 1 }
        }
        return n
    }
}
