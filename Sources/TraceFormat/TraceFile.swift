#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A trace opened for reading: its chunks located, each chunk read,
/// decompressed and decoded on demand. The one reader of trace files, used by
/// `pyframe dump`, every analyzer and every exporter.
///
/// Chunks are read with `pread` into buffers the caller reuses, not through a
/// memory mapping: every page touched through a mapping stays in the resident
/// set, so a 1 GiB trace would show 1 GiB of memory. Reading is safe from
/// several threads at once. A file cut short (a killed program) is normal:
/// the complete chunks before the cut are read and ``scan`` says what was lost.
public final class TraceFile: @unchecked Sendable {
    /// The path it was opened from.
    public let path: String
    /// The file's size in bytes.
    public let size: Int
    /// Where its chunks are, and what was wrong with the bytes between them.
    public private(set) var scan = ChunkScan()
    private let source: Source

    /// Where the bytes come from: a file, or memory (tests, fuzzing).
    private enum Source {
        case file(Int32)
        case memory([UInt8])
    }

    /// Opens `path` and locates its chunks.
    ///
    /// - Throws: ``TraceError/io(path:detail:)`` if it cannot be read,
    ///   ``TraceError/notATrace(detail:)`` if it is empty or does not start with
    ///   a pyframe process chunk, ``TraceError/newerVersion(found:supported:)``.
    public init(path: String) throws(TraceError) {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .io(path: path, detail: "\(Errno.current)") }
        source = .file(fd)  // closed by deinit, also when init throws below
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .io(path: path, detail: "\(Errno.current)") }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw .io(path: path, detail: (info.st_mode & S_IFMT) == S_IFDIR ? "is a directory" : "is not a regular file")
        }
        size = Int(info.st_size)
        guard size > 0 else { throw .notATrace(detail: "\(path) is empty") }
        try locateChunks()
    }

    /// Reads a trace held in memory (for tests and fuzzing); `name` stands
    /// for the path in messages.
    public init(bytes: [UInt8], name: String = "<memory>") throws(TraceError) {
        path = name
        size = bytes.count
        source = .memory(bytes)
        guard size > 0 else { throw .notATrace(detail: "\(name) is empty") }
        try locateChunks()
    }

    deinit {
        if case let .file(fd) = source { close(fd) }
    }

    /// Decompresses and decodes one chunk. Use one codec per thread.
    public func decodeChunk(_ location: ChunkLocation, codec: ChunkCodec) throws(TraceError) -> Chunk {
        var buffer: [UInt8] = []
        return try decodeChunk(location, buffer: &buffer, codec: codec)
    }

    /// Decompresses and decodes one chunk, reading its stored bytes into
    /// `buffer` (grown as needed and kept by the caller for the next chunk).
    package func decodeChunk(_ location: ChunkLocation, buffer: inout [UInt8],
                            codec: ChunkCodec) throws(TraceError) -> Chunk {
        if buffer.count < location.length { buffer = [UInt8](repeating: 0, count: max(location.length, buffer.count * 2)) }
        let got = read(into: &buffer, at: location.offset, count: location.length)
        guard got == location.length else {
            throw .damaged(offset: location.offset,
                           detail: "chunk cannot be read back (\(got) of \(location.length) bytes; was the file changed while being read?)")
        }
        let content = try withBytes(buffer) { (raw: UnsafeRawBufferPointer) throws(TraceError) in
            try codec.decompress(UnsafeRawBufferPointer(rebasing: raw[0..<location.length]),
                                 contentSize: location.contentSize, fileOffset: location.offset)
        }
        return try ChunkReader.decode(content, fileOffset: location.offset)
    }

    /// Calls `body` with every chunk in file order. A chunk that fails to
    /// decode is reported through `problem` and skipped; reading goes on.
    /// A chunk of a newer format version stops reading with that error.
    public func forEachChunk(problem: (TraceError) -> Void = { _ in },
                             _ body: (ChunkLocation, Chunk) throws -> Void) throws {
        let codec = ChunkCodec()
        var buffer: [UInt8] = []
        for location in scan.chunks {
            let chunk: Chunk
            do {
                chunk = try decodeChunk(location, buffer: &buffer, codec: codec)
            } catch {
                if case .newerVersion = error { throw error }
                problem(error)
                continue
            }
            try body(location, chunk)
        }
    }

    /// Finds every chunk, scanning windows of the file with ``ChunkScanner``,
    /// and checks that the trace starts with a process chunk.
    private func locateChunks() throws(TraceError) {
        var window = 1 << 20
        var buffer: [UInt8] = []
        var base = 0
        while base < size {
            let length = min(window, size - base)
            if buffer.count < length { buffer = [UInt8](repeating: 0, count: length) }
            guard read(into: &buffer, at: base, count: length) == length else {
                throw .io(path: path, detail: "cannot read at byte \(base)")
            }
            let part = buffer.withUnsafeBytes { ChunkScanner.scan(UnsafeRawBufferPointer(rebasing: $0[0..<length])) }
            for var location in part.chunks {
                location.offset += base
                scan.chunks.append(location)
            }
            // The scanner's messages count bytes from the window's start.
            scan.problems += part.problems.filter { !$0.hasPrefix("trace ends inside") }.map { shift($0, by: base) }
            guard let cut = part.truncatedAt else {
                base += length
                continue
            }
            if base + length == size {
                scan.truncatedAt = base + cut
                scan.problems.append(
                    "trace ends inside a chunk at byte \(base + cut) of \(size) (the recording was cut short); \(size - base - cut) bytes ignored")
                break
            }
            // A chunk runs past the window: read again from its start, with a
            // larger window if the chunk alone fills it.
            if cut == 0 { window *= 2 }
            base += cut
        }
        guard let first = scan.chunks.first, first.offset == 0 else {
            // An LZ4 file from another program (`lz4 file`) is valid LZ4, just not a trace.
            var magic = [UInt8](repeating: 0, count: 4)
            if read(into: &magic, at: 0, count: 4) == 4, magic == [0x04, 0x22, 0x4D, 0x18] {
                throw .notATrace(detail: "\(path) is LZ4-compressed data, but not written by pyframe")
            }
            throw .notATrace(detail: "\(path) does not start with an LZ4 frame")
        }
        let chunk: Chunk
        do {
            chunk = try decodeChunk(first, codec: ChunkCodec())
        } catch {
            if case .newerVersion = error { throw error }
            throw .notATrace(detail: "\(path): \(error)")
        }
        guard case .process = chunk else {
            throw .notATrace(detail: "\(path) does not start with a process chunk")
        }
    }

    /// `message` with each "at byte N" moved on by `base`.
    private func shift(_ message: String, by base: Int) -> String {
        guard base > 0, let range = message.firstRange(of: "at byte ") else { return message }
        let digits = message[range.upperBound...].prefix { $0.isNumber }
        guard let n = Int(digits) else { return message }
        var shifted = message
        shifted.replaceSubrange(range.upperBound..<digits.endIndex, with: String(n + base))
        return shifted
    }

    /// Reads `count` bytes at `offset` into the start of `buffer`; returns the bytes read.
    private func read(into buffer: inout [UInt8], at offset: Int, count: Int) -> Int {
        switch source {
        case let .memory(bytes):
            let n = max(0, min(count, bytes.count - offset))
            buffer.withUnsafeMutableBytes { dst in
                bytes.withUnsafeBytes { dst.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: n) }
            }
            return n
        case let .file(fd):
            return buffer.withUnsafeMutableBytes { raw -> Int in
                var done = 0
                while done < count {
                    let n = pread(fd, raw.baseAddress! + done, count - done, off_t(offset + done))
                    if n < 0 && errno == EINTR { continue }
                    if n <= 0 { break }
                    done += n
                }
                return done
            }
        }
    }
}
