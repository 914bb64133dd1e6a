import Foundation
import PyFrameTestSupport
import Testing
@testable import TraceFormat

/// The codec compresses each chunk where it lies (liblz4's `autoFlush` and
/// `stableSrc`); what it writes must stay the stored form FORMAT.md
/// describes, for the decoder and for the stock `lz4` tool.
@Suite("Chunks compress into LZ4 frames and decompress to the same bytes")
struct ChunkCodecTests {
    /// Bytes that compress like a trace's (repeats with some noise), from a
    /// fixed seed so that a failure repeats.
    static func content(_ count: Int, seed: UInt64) -> [UInt8] {
        var state = seed | 1
        var bytes = [UInt8](repeating: 0, count: count)
        for i in 0..<count {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            bytes[i] = i % 7 == 0 ? UInt8(truncatingIfNeeded: state >> 59) : UInt8(truncatingIfNeeded: i % 61)
        }
        return bytes
    }

    /// Sizes from one byte (a chunk is never empty: liblz4 writes no content
    /// size for nothing) around one LZ4 block (256 KiB) to several blocks.
    static let sizes = [1, 15, 4096, 65_535, 65_536, 65_537, 262_143, 262_144, 262_145,
                        600_000, 1 << 20, (1 << 20) + 12_345]

    @Test("every size round-trips through one codec, whatever came before it")
    func roundTrip() throws {
        let codec = ChunkCodec()
        // Ascending, then descending: a frame must not depend on the one before.
        for (n, size) in (Self.sizes + Self.sizes.reversed()).enumerated() {
            let chunk = Self.content(size, seed: UInt64(n))
            var stored: [UInt8] = []
            try codec.compress(chunk, into: &stored)
            let scan = stored.withUnsafeBytes { ChunkScanner.scan($0) }
            #expect(scan.problems.isEmpty, "\(size): \(scan.problems)")
            #expect(scan.chunks.count == 1 && scan.chunks.first?.length == stored.count, "\(size)")
            #expect(scan.chunks.first?.contentSize == size, "\(size)")
            let back = try stored.withUnsafeBytes {
                try ChunkCodec().decompress($0, contentSize: size, fileOffset: 0)
            }
            #expect(back == chunk, "\(size) bytes did not round-trip")
            if size >= 600_000 { #expect(stored.count < size / 2, "\(size) compressed to \(stored.count)") }
        }
    }

    @Test("the frame keeps the header FORMAT.md promises: content size, checksum, 256 KiB linked blocks")
    func header() throws {
        var stored: [UInt8] = []
        try ChunkCodec().compress(Self.content(300_000, seed: 3), into: &stored)
        #expect(Array(stored[0..<4]) == [0x04, 0x22, 0x4D, 0x18])
        // FLG: version 01, linked blocks (bit 5 clear), no block checksum,
        // content size (bit 3) and content checksum (bit 2) set.
        #expect(stored[4] == 0b0100_1100)
        #expect(stored[5] == 0x50)  // BD: block size id 5, 256 KiB
    }

    @Test("the stock lz4 tool decompresses a trace of multi-block chunks to its chunks")
    func stockTool() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/lz4") else { return }
        let codec = ChunkCodec()
        let chunks = [Self.content(700_000, seed: 5), Self.content(10, seed: 6), Self.content(262_144, seed: 7)]
        var file: [UInt8] = []
        for chunk in chunks { try codec.compress(chunk, into: &file) }
        let path = NSTemporaryDirectory() + "pyframe-codec-\(UUID().uuidString).lz4"
        defer { try? FileManager.default.removeItem(atPath: path) }
        FileManager.default.createFile(atPath: path, contents: Data(file))
        let outcome = try ProcessRunner.run(["/usr/bin/lz4", "-dc", path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect([UInt8](outcome.output) == chunks.flatMap { $0 })
    }
}
