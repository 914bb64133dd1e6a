import CZlib

/// Packs blocks of whole Perfetto packets into `compressed_packets`
/// packets (TracePacket field 50: a zlib stream of the block, read by
/// trace_processor and ui.perfetto.dev as if its packets were inline), as
/// Perfetto's own tracing service does when asked to compress.
///
/// Slice packets repeat their keys, sequence ids and flags, so deflate at
/// its fastest level (zlib's 1) still makes them several times smaller;
/// higher levels gain little on them and cost several times the time.
struct PacketCompressor {
    /// The largest block to compress: Perfetto wants each compressed
    /// packet, headers included, under 512 KiB.
    static let blockSize = 480 << 10

    /// zlib's state, at a fixed address: zlib refuses a stream that moved.
    private let stream: UnsafeMutablePointer<z_stream>
    private var output: [UInt8]
    private let sink: (UnsafeRawBufferPointer) -> Void

    /// A compressor whose packets go to `sink`; call ``close()`` at the end.
    init(sink: @escaping (UnsafeRawBufferPointer) -> Void) {
        self.sink = sink
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let code = deflateInit_(stream, 1, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        // It fails only without memory or with another zlib than the one built against.
        precondition(code == Z_OK, "zlib: deflateInit failed (\(code))")
        output = [UInt8](repeating: 0, count: Int(deflateBound(stream, uLong(Self.blockSize))) + 16)
    }

    /// Compresses `block` (whole packets, as `Trace` fields) into one packet.
    mutating func compress(_ block: UnsafeRawBufferPointer) {
        guard block.count > 0 else { return }
        deflateReset(stream)
        let needed = Int(deflateBound(stream, uLong(block.count))) + 16
        if output.count < needed { output = [UInt8](repeating: 0, count: needed) }
        output.withUnsafeMutableBufferPointer { out in
            // Room in front for the two keys and lengths (at most 2 + 4 + 1 + 4 bytes).
            let header = 11
            stream.pointee.next_in = UnsafeMutablePointer(mutating: block.assumingMemoryBound(to: UInt8.self).baseAddress)
            stream.pointee.avail_in = uInt(block.count)
            stream.pointee.next_out = out.baseAddress! + header
            stream.pointee.avail_out = uInt(out.count - header)
            let code = deflate(stream, Z_FINISH)
            precondition(code == Z_STREAM_END, "deflate into deflateBound's room cannot fail")
            let data = Int(stream.pointee.total_out)
            // TracePacket { compressed_packets = 50 } inside Trace { packet = 1 }.
            let packet = 2 + Varint.size(UInt64(data)) + data
            let prefix = 1 + Varint.size(UInt64(packet)) + 2 + Varint.size(UInt64(data))
            var p = out.baseAddress! + header - prefix
            p[0] = 0x0A
            p += 1 + Varint.put(UInt64(packet), at: p + 1)
            p[0] = 0x92  // field 50, length-delimited: (50 << 3 | 2) as a varint
            p[1] = 0x03
            _ = Varint.put(UInt64(data), at: p + 2)
            sink(UnsafeRawBufferPointer(start: out.baseAddress! + header - prefix, count: prefix + data))
        }
    }

    /// Frees zlib's state.
    func close() {
        deflateEnd(stream)
        stream.deallocate()
    }
}
