import CLZ4

/// Compresses chunks into the form they are stored in, one LZ4 frame each,
/// and decompresses them again, with liblz4's LZ4F API.
///
/// Each chunk is one complete LZ4 frame carrying its content size and a
/// content checksum, so the whole trace decompresses with the stock
/// `lz4 -dc`, and a reader can check each chunk and bound its allocation
/// before decompressing it. One codec is used by one thread at a time.
public final class ChunkCodec {
    /// Chunks larger than this are refused by the reader (the writer never
    /// produces them), so a damaged size field cannot demand a huge buffer.
    package static let maxChunkSize = 64 << 20

    /// The largest block of the frames this codec writes: `LZ4F_max256KB`,
    /// set in ``init()``.
    static let blockSize = 256 << 10

    private var cctx: OpaquePointer?
    private var dctx: OpaquePointer?
    private var preferences = LZ4F_preferences_t()
    /// The last compressed chunk, kept across chunks (``compress(_:)``'s result).
    private var stored = GrowableBuffer<UInt8>(capacity: 1 << 16)

    /// Creates a codec with its own liblz4 contexts.
    public init() {
        // 256 KiB blocks: events chunks are about that size.
        preferences.frameInfo.blockSizeID = LZ4F_max256KB
        preferences.frameInfo.blockMode = LZ4F_blockLinked
        preferences.frameInfo.contentChecksumFlag = LZ4F_contentChecksumEnabled
        preferences.compressionLevel = 1
        // Each update compresses its input where it lies rather than first
        // copying it into the context's 384 KiB staging buffer, which
        // liblz4 1.9.4 also reallocates and zeroes at every frame's start
        // (370,000 instructions a chunk under callgrind; only the 64 KiB
        // window of linked blocks is left). With `stableSrc` that window is
        // read from the input too, not saved aside.
        preferences.autoFlush = 1
    }

    deinit {
        if let cctx { LZ4F_freeCompressionContext(cctx) }
        if let dctx { LZ4F_freeDecompressionContext(dctx) }
        stored.free()
    }

    /// Appends `chunk`, compressed as one LZ4 frame, to `output`.
    package func compress(_ chunk: [UInt8], into output: inout [UInt8]) throws(TraceError) {
        output.append(contentsOf: try compress(bytesOf: chunk))
    }

    /// ``compress(_:)`` of an array's bytes.
    package func compress(bytesOf chunk: [UInt8]) throws(TraceError) -> UnsafeRawBufferPointer {
        try chunk.withUnsafeBytes { src in Result { () throws(TraceError) in try compress(src) } }.get()
    }

    /// `chunk` compressed as one LZ4 frame, in the codec's own buffer: valid
    /// until the codec's next use.
    package func compress(_ chunk: UnsafeRawBufferPointer) throws(TraceError) -> UnsafeRawBufferPointer {
        if cctx == nil {
            var ctx: OpaquePointer?
            guard LZ4F_isError(LZ4F_createCompressionContext(&ctx, UInt32(LZ4F_VERSION))) == 0 else {
                throw .io(path: "lz4", detail: "cannot create a compression context")
            }
            cctx = ctx
        }
        preferences.frameInfo.contentSize = UInt64(chunk.count)
        let bound = LZ4F_compressFrameBound(chunk.count, &preferences)
        stored.removeAll()
        stored.reserve(bound)
        // The input stays put until the frame ends, as `stableSrc` promises.
        var options = LZ4F_compressOptions_t()
        options.stableSrc = 1
        let base = UnsafeMutableRawPointer(stored.base)
        var total = 0
        var step = LZ4F_compressBegin(cctx, base, bound, &preferences)
        if LZ4F_isError(step) == 0 {
            total += step
            step = LZ4F_compressUpdate(cctx, base + total, bound - total, chunk.baseAddress, chunk.count, &options)
        }
        if LZ4F_isError(step) == 0 {
            total += step
            step = LZ4F_compressEnd(cctx, base + total, bound - total, &options)
        }
        if LZ4F_isError(step) != 0 {
            throw .io(path: "lz4", detail: "compression failed: \(name(step))")
        }
        stored.setCountUnchecked(total + step)
        return UnsafeRawBufferPointer(start: stored.base, count: stored.count)
    }

    /// Decompresses one stored chunk found by ``ChunkScanner``.
    ///
    /// - Parameters:
    ///   - stored: the stored chunk's bytes, exactly.
    ///   - contentSize: the size its header declares.
    ///   - fileOffset: where the chunk starts, for errors.
    package func decompress(_ stored: UnsafeRawBufferPointer, contentSize: Int,
                           fileOffset: Int) throws(TraceError) -> [UInt8] {
        if dctx == nil {
            var ctx: OpaquePointer?
            guard LZ4F_isError(LZ4F_createDecompressionContext(&ctx, UInt32(LZ4F_VERSION))) == 0 else {
                throw .io(path: "lz4", detail: "cannot create a decompression context")
            }
            dctx = ctx
        } else {
            LZ4F_resetDecompressionContext(dctx)
        }
        var failure: String?
        var produced = 0
        var consumed = 0
        // Not zeroed first: liblz4 writes every byte, and only those written
        // are kept. The room past the content is never written: liblz4
        // decompresses a block straight into the destination only when a
        // whole block (256 KiB, ``init()``) fits in what is left of it, and
        // otherwise into its own buffer and then copies it over (2.4% of
        // `flame`'s instructions on a recorded trace).
        let room = contentSize + ChunkCodec.blockSize
        let out = [UInt8](unsafeUninitializedCapacity: room) { dst, count in
            defer { count = produced }
            var hint = 1
            while hint != 0 {
                var dstSize = room - produced
                var srcSize = stored.count - consumed
                guard srcSize > 0 || dstSize > 0 else { failure = "LZ4 frame ends early"; return }
                hint = LZ4F_decompress(dctx, dst.baseAddress.map { $0 + produced }, &dstSize,
                                       stored.baseAddress! + consumed, &srcSize, nil)
                if LZ4F_isError(hint) != 0 { failure = name(hint); return }
                produced += dstSize
                consumed += srcSize
                if srcSize == 0 && dstSize == 0 && hint != 0 { failure = "LZ4 frame ends early"; return }
            }
        }
        if let failure {
            throw .damaged(offset: fileOffset, detail: "LZ4 frame does not decompress: \(failure)")
        }
        guard produced == contentSize else {
            throw .damaged(offset: fileOffset,
                           detail: "LZ4 frame holds \(produced) bytes, its header says \(contentSize)")
        }
        return out
    }

    private func name(_ code: Int) -> String {
        String(cString: LZ4F_getErrorName(code))
    }
}
