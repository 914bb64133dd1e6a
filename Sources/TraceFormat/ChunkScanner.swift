/// Where one LZ4 frame lies in a trace file.
public struct FrameLocation: Equatable, Sendable {
    /// Offset of the frame's magic number in the file.
    public var offset: Int
    /// Length of the whole frame in bytes.
    public var length: Int
    /// Decompressed size the frame header declares.
    public var contentSize: Int
}

/// The outcome of walking a file's LZ4 frames.
public struct FrameScan: Sendable {
    /// Complete frames, in file order.
    public var frames: [FrameLocation] = []
    /// Problems found, each naming a byte offset (a cut-off tail, garbage
    /// skipped between frames).
    public var problems: [String] = []
    /// Offset where an incomplete final frame starts, if the file was cut short.
    public var truncatedAt: Int?
}

/// Walks the LZ4 frames of a trace without decompressing them, so that
/// chunks can be handed to several threads and a cut-off tail is found cheaply.
///
/// Frame layout (lz4 frame format 1.6): magic, FLG, BD, optional content
/// size, optional dictionary id, header checksum, then blocks of a 4-byte
/// size (high bit: stored uncompressed) and data, optional block checksums,
/// an end mark of 0, and an optional content checksum. Skippable frames are
/// passed over.
public enum FrameScanner {
    static let frameMagic: UInt32 = 0x184D_2204
    static let skippableMask: UInt32 = 0xFFFF_FFF0
    static let skippableMagic: UInt32 = 0x184D_2A50

    /// Scans `bytes` (a whole trace file).
    public static func scan(_ bytes: UnsafeRawBufferPointer) -> FrameScan {
        var scan = FrameScan()
        var offset = 0
        while offset < bytes.count {
            switch frame(in: bytes, at: offset) {
            case let .frame(location):
                scan.frames.append(location)
                offset += location.length
            case let .skippable(length):
                offset += length
            case .truncated:
                scan.truncatedAt = offset
                scan.problems.append(
                    "trace ends inside a chunk at byte \(offset) of \(bytes.count) (the recording was cut short); \(bytes.count - offset) bytes ignored")
                return scan
            case let .invalid(reason):
                // Look for the next frame so that one damaged chunk costs only itself.
                var next = offset + 1
                while next + 4 <= bytes.count && load32(bytes, next) != frameMagic { next += 1 }
                if next + 4 > bytes.count { next = bytes.count }
                scan.problems.append("damaged chunk at byte \(offset): \(reason); skipped \(next - offset) bytes")
                offset = next
            }
        }
        return scan
    }

    enum Step {
        case frame(FrameLocation)
        case skippable(Int)
        case truncated
        case invalid(String)
    }

    static func load32(_ b: UnsafeRawBufferPointer, _ at: Int) -> UInt32 {
        UInt32(b[at]) | UInt32(b[at + 1]) << 8 | UInt32(b[at + 2]) << 16 | UInt32(b[at + 3]) << 24
    }

    static func frame(in b: UnsafeRawBufferPointer, at start: Int) -> Step {
        let n = b.count
        guard start + 4 <= n else { return .truncated }
        let magic = load32(b, start)
        if magic & skippableMask == skippableMagic {
            guard start + 8 <= n else { return .truncated }
            let size = Int(load32(b, start + 4))
            guard start + 8 + size <= n else { return .truncated }
            return .skippable(8 + size)
        }
        guard magic == frameMagic else {
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
        guard contentSize <= UInt64(LZ4FrameCodec.maxChunkSize) else {
            return .invalid("chunk of \(contentSize) bytes exceeds the \(LZ4FrameCodec.maxChunkSize)-byte limit")
        }
        while true {
            guard p + 4 <= n else { return .truncated }
            let word = load32(b, p)
            p += 4
            if word == 0 { break }
            let size = Int(word & 0x7FFF_FFFF)
            guard size <= maxBlock else { return .invalid("LZ4 block of \(size) bytes exceeds its frame's \(maxBlock)") }
            p += size + (blockChecksum ? 4 : 0)
            guard p <= n else { return .truncated }
        }
        if contentChecksum { p += 4 }
        guard p <= n else { return .truncated }
        return .frame(FrameLocation(offset: start, length: p - start, contentSize: Int(contentSize)))
    }
}

extension FrameScanner {
    static func noMagic(_ magic: UInt32) -> String {
        let hex = String(magic, radix: 16, uppercase: true)
        return "no LZ4 frame magic (found 0x\(String(repeating: "0", count: max(0, 8 - hex.count)))\(hex))"
    }
}
