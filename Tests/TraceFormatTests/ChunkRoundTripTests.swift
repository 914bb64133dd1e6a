import PyFrameTestSupport
import Testing
@testable import TraceFormat

@Suite("Chunks round-trip through the encoder, LZ4 frames and the decoder")
struct ChunkRoundTripTests {
    @Test("metadata chunks decode to what was written")
    func metadata() throws {
        let trace = SyntheticTrace.everyRecord
        let path = try trace.write()
        let chunks = try readChunks(path)
        #expect(chunks.count == 4)
        guard case let .process(p) = chunks[0], case let .codes(c) = chunks[1],
              case let .threads(t) = chunks[2], case let .end(e) = chunks[3] else {
            Issue.record("unexpected chunk order \(chunks)")
            return
        }
        #expect(p == trace.process)
        #expect(c == trace.codes)
        #expect(t == trace.threads)
        #expect(e == trace.end)
    }

    @Test("events decode exactly, with exits attributed through open frames")
    func events() throws {
        var trace = SyntheticTrace.everyRecord
        let first: [TraceEvent] = [
            .init(kind: .call, code: 1, time: 100),
            .init(kind: .call, code: 2, time: 107),       // delta < 8: inline
            .init(kind: .call, code: 2, time: 1_000_107), // same code: no id
            .init(kind: .return, code: 2, time: 1_000_200),
        ]
        let second: [TraceEvent] = [
            .init(kind: .yield, code: 2, time: 2_000_000),
            .init(kind: .resume, code: 2, time: 2_000_000),
            .init(kind: .unwind, code: 2, time: UInt64(1) << 40),
            .init(kind: .return, code: 1, time: (UInt64(1) << 40) + 9),
        ]
        trace.chunks = [(0, first, []), (0, second, [1, 2])]
        let chunks = try readChunks(try trace.write())
        let events = chunks.compactMap { chunk -> EventChunk? in
            if case let .events(e) = chunk { return e } else { return nil }
        }
        #expect(events.count == 2)
        #expect(try events[0].events() == first)
        #expect(try events[1].events() == second)
        #expect(events[1].header.openFrames == [1, 2])
        #expect(events[1].header.sequence == 1)
    }

    @Test("fib-like streams cost two bytes per event before compression")
    func compactness() {
        let encoder = EventEncoder()
        encoder.begin(thread: 0, sequence: 0, openFrames: [])
        var t: UInt64 = 0
        for i in 0..<10_000 {
            t += 60 + UInt64(i % 50)
            encoder.append(i % 2 == 0 ? .call : .return, code: 7, time: t)
        }
        #expect(encoder.eventCount == 10_000)
        #expect(encoder.byteCount <= 2 * 10_000 + 1)
    }

    @Test("unknown chunk kinds are skipped, newer versions named")
    func forwardCompatibility() throws {
        var unknown = chunkMagic + [TraceFormatVersion.current, 99]
        unknown += [1, 2, 3]
        guard case .unknown(kind: 99) = try ChunkReader.decode(unknown, fileOffset: 0) else {
            Issue.record("unknown kind not reported")
            return
        }
        let newer = chunkMagic + [TraceFormatVersion.current + 1, 1]
        #expect(throws: TraceError.newerVersion(found: Int(TraceFormatVersion.current) + 1,
                                                supported: Int(TraceFormatVersion.current))) {
            try ChunkReader.decode(newer, fileOffset: 0)
        }
    }
}
