import Foundation
import PyFrameTestSupport
import Testing
@testable import TraceFormat

@Suite("Damaged and hostile input")
struct DamagedInputTests {
    /// A trace with a few event chunks, as bytes.
    static func sampleBytes() throws -> [UInt8] {
        var trace = SyntheticTrace.everyRecord
        var chunks: [(thread: UInt32, events: [TraceEvent], open: [UInt32])] = []
        var t: UInt64 = 0
        for c in 0..<4 {
            var events: [TraceEvent] = []
            for i in 0..<50 {
                t += UInt64(10 + i)
                events.append(TraceEvent(kind: i % 2 == 0 ? .call : .return, code: UInt32(1 + c % 2), time: t))
            }
            chunks.append((0, events, []))
        }
        trace.chunks = chunks
        let path = try trace.write()
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// Reads `bytes` as a trace: returns the number of events decoded, or the error.
    static func read(_ bytes: [UInt8]) -> Result<Int, TraceError> {
        let path = temporaryPath("damaged")
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let file = try TraceFile(path: path)
            var count = 0
            try file.forEachChunk { _, chunk in
                if case let .events(e) = chunk {
                    do { try e.forEach { _ in count += 1 } } catch { }
                }
            }
            return .success(count)
        } catch let error as TraceError {
            return .failure(error)
        } catch {
            return .failure(.io(path: path, detail: "\(error)"))
        }
    }

    @Test("a file cut at any byte yields every complete chunk before the cut")
    func truncation() throws {
        let bytes = try Self.sampleBytes()
        let whole = try Self.read(bytes).get()
        #expect(whole == 200)
        var previous = 0
        for cut in 0..<bytes.count {
            switch Self.read(Array(bytes[0..<cut])) {
            case let .success(n):
                #expect(n % 50 == 0 && n >= previous, "cut at \(cut) gave \(n) events")
                previous = n
            case let .failure(error):
                // Only cuts inside the first (process) chunk may fail, and say why.
                #expect("\(error)".contains("trace"), "cut at \(cut): \(error)")
            }
        }
        #expect(previous == 200 || previous == 150)
    }

    @Test("bit flips and splices never crash the reader")
    func corruption() throws {
        let bytes = try Self.sampleBytes()
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            var damaged = bytes
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let i = Int.random(in: 0..<damaged.count, using: &rng)
                damaged[i] ^= UInt8(1 << Int.random(in: 0..<8, using: &rng))
            }
            if Bool.random(using: &rng) {
                let a = Int.random(in: 0..<damaged.count, using: &rng)
                let b = Int.random(in: a..<damaged.count, using: &rng)
                damaged.insert(contentsOf: bytes[a..<b], at: Int.random(in: 0..<damaged.count, using: &rng))
            }
            if case let .success(n) = Self.read(damaged) {
                #expect(n <= 400)
            }
        }
    }

    @Test("files that are not traces get a clear error", arguments: [
        [UInt8](), Array("hello world, not a trace".utf8), [0x04, 0x22, 0x4D, 0x18],
    ])
    func notTraces(bytes: [UInt8]) {
        guard case let .failure(error) = Self.read(bytes) else {
            Issue.record("accepted \(bytes)")
            return
        }
        #expect("\(error)".contains("not a pyframe trace"))
    }

    /// Chunks the fuzzer (Tools/fuzz) found that crashed the decoder, as
    /// base64: each must decode or fail with a TraceError, never crash.
    @Test("chunks the fuzzer found are errors, not crashes", arguments: [
        // A threads chunk whose record names a thread with a string past the chunk's end.
        "UFlGUgEDSSWQAAA6AAAAAEj7/0MCNjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjYwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAxMjI5NzgyObM4MjQ3t7e3t7e3t7cwMCkwMDAwMjQwNDAxOLYAB4IIDzwADxV0/gcMDgE1fABfMDM0NDA5Lnw=",
    ])
    func fuzzerFindings(base64: String) throws {
        let bytes = [UInt8](try #require(Data(base64Encoded: base64)))
        #expect(throws: TraceError.self) { _ = try ChunkReader.decode(bytes, fileOffset: 0) }
    }
}
