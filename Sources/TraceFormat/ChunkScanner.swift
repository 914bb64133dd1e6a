/// Where one chunk lies in a trace file.
///
/// Vocabulary: a *chunk* is the unit of a trace, on disk and decoded; on disk
/// each chunk is stored as one LZ4 frame, a word used only with "LZ4" and
/// only where the LZ4 container format itself is meant. A bare *frame* is
/// always a Python frame.
public struct ChunkLocation: Equatable, Sendable {
    /// Offset of the chunk's LZ4 magic number in the file.
    public var offset: Int
    /// Length of the stored (compressed) chunk in bytes.
    public var length: Int
    /// Decompressed size the chunk's LZ4 header declares.
    public var contentSize: Int
}

/// The outcome of walking a file's chunks.
public struct ChunkScan: Sendable {
    /// Complete chunks, in file order.
    public var chunks: [ChunkLocation] = []
    /// Problems found, each naming a byte offset (a cut-off tail, garbage
    /// skipped between chunks).
    public var problems: [String] = []
    /// Offset where an incomplete final chunk starts, if the file was cut short.
    public var truncatedAt: Int?
}

/// Walks the stored chunks of a trace without decompressing them, so that
/// chunks can be handed to several threads and a cut-off tail is found cheaply.
///
/// A stored chunk is one LZ4 frame (lz4 frame format 1.6): magic, FLG, BD, optional content
/// size, optional dictionary id, header checksum, then blocks of a 4-byte
/// size (high bit: stored uncompressed) and data, optional block checksums,
/// an end mark of 0, and an optional content checksum. LZ4 skippable frames
/// are passed over.
package enum ChunkScanner {
    static let lz4Magic: UInt32 = 0x184D_2204
    static let skippableMask: UInt32 = 0xFFFF_FFF0
    static let skippableMagic: UInt32 = 0x184D_2A50

    /// Scans `bytes` (a whole trace file).
    package static func scan(_ bytes: UnsafeRawBufferPointer) -> ChunkScan {
        var scan = ChunkScan()
        var offset = 0
        while offset < bytes.count {
            switch chunk(in: bytes, at: offset) {
            case let .chunk(location):
                scan.chunks.append(location)
                offset += location.length
            case let .skippable(length):
                offset += length
            case .truncated:
                scan.truncatedAt = offset
                scan.problems.append(
                    "trace ends inside a chunk at byte \(offset) of \(bytes.count) (the recording was cut short); \(bytes.count - offset) bytes ignored")
                return scan
            case let .invalid(reason):
                // Look for the next chunk so that one damaged chunk costs only itself.
                var next = offset + 1
                while next + 4 <= bytes.count && load32(bytes, next) != lz4Magic { next += 1 }
                if next + 4 > bytes.count { next = bytes.count }
                scan.problems.append("damaged chunk at byte \(offset): \(reason); skipped \(next - offset) bytes")
                offset = next
            }
        }
        return scan
    }

    enum Step {
        case chunk(ChunkLocation)
        case skippable(Int)
        case truncated
        case invalid(String)
    }

    static func load32(_ b: UnsafeRawBufferPointer, _ at: Int) -> UInt32 {
        UInt32(b[at]) | UInt32(b[at + 1]) << 8 | UInt32(b[at + 2]) << 16 | UInt32(b[at + 3]) << 24
    }

    static func chunk(in b: UnsafeRawBufferPointer, at start: Int) -> Step {
        let n = b.count
        guard start + 4 <= n else { return .truncated }
        let magic = load32(b, start)
        if magic & skippableMask == skippableMagic {
            guard start + 8 <= n else { return .truncated }
            let size = Int(load32(b, start + 4))
            guard start + 8 + size <= n else { return .truncated }
            return .skippable(8 + size)
        }
        guard magic == lz4Magic else {
            return .invalid(noMagic(magic))
        }
        guard start + 7 <= n else { return .truncated }
        let flg = b[start + 4]
        let bd = b[start + 5]
        guard flg >> 6 == 1 else { return .invalid("unsupported LZ4 frame version") }
        let blockChecksum = flg & 0x10 != 0
        let hasContentSize = flg & 0x08 != 0
        let contentChecksum = flg & 0x04 != 0
        let hasDictId = flg & 0x01 != 0
        let blockSizeId = Int((bd >> 4) & 0x07)
        guard blockSizeId >= 4 else { return .invalid("bad LZ4 block size id \(blockSizeId)") }
        let maxBlock = 1 << (8 + 2 * blockSizeId)
        guard hasContentSize else { return .invalid("LZ4 frame without content size (not written by pyframe)") }
        var p = start + 6
        guard p + 8 <= n else { return .truncated }
        var contentSize: UInt64 = 0
        for i in 0..<8 { contentSize |= UInt64(b[p + i]) << UInt64(8 * i) }
        p += 8
        if hasDictId { p += 4 }
        p += 1  // header checksum; verified by liblz4 when decompressing
        guard contentSize <= UInt64(ChunkCodec.maxChunkSize) else {
            return .invalid("chunk of \(contentSize) bytes exceeds the \(ChunkCodec.maxChunkSize)-byte limit")
        }
        while true {
            guard p + 4 <= n else { return .truncated }
            let word = load32(b, p)
            p += 4
            if word == 0 { break }
            let size = Int(word & 0x7FFF_FFFF)
            guard size <= maxBlock else { return .invalid("LZ4 block of \(size) bytes exceeds its LZ4 frame's \(maxBlock)") }
            p += size + (blockChecksum ? 4 : 0)
            guard p <= n else { return .truncated }
        }
        if contentChecksum { p += 4 }
        guard p <= n else { return .truncated }
        return .chunk(ChunkLocation(offset: start, length: p - start, contentSize: Int(contentSize)))
    }
}

extension ChunkScanner {
    static func noMagic(_ magic: UInt32) -> String {
        let hex = String(magic, radix: 16, uppercase: true)
        return "no LZ4 frame magic (found 0x\(String(repeating: "0", count: max(0, 8 - hex.count)))\(hex))"
    }
}
