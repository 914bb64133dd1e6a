import CZlib

/// Compresses bytes into the gzip format (RFC 1952) with zlib's deflate.
///
/// pprof files are gzip-compressed protobufs by convention (`go tool pprof`
/// and pprof's web UI accept both, but other readers expect gzip), and the
/// string table and locations compress well.
package enum GzipWriter {
    /// The gzip encoding of `input`, at zlib's default compression level.
    package static func compress(_ input: [UInt8]) throws(GzipError) -> [UInt8] {
        var stream = z_stream()
        // windowBits 15 + 16: a gzip header and trailer instead of zlib's.
        let initCode = deflateInit2_(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
                                     Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard initCode == Z_OK else { throw GzipError(description: "gzip: deflateInit2 failed (\(initCode))") }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))) + 64)
        var source = input
        let code: Int32 = source.withUnsafeMutableBufferPointer { src in
            output.withUnsafeMutableBufferPointer { dst in
                stream.next_in = src.baseAddress
                stream.avail_in = uInt(src.count)
                stream.next_out = dst.baseAddress
                stream.avail_out = uInt(dst.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard code == Z_STREAM_END else {
            throw GzipError(description: "gzip: deflate failed (\(code))")
        }
        output.removeLast(output.count - Int(stream.total_out))
        return output
    }
}
