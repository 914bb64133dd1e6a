#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A trace file opened for reading: mapped into memory, its LZ4 frames located.
///
/// Chunks are decompressed and decoded one at a time, so memory use does not
/// grow with the file. A file cut short (a killed program) is normal: the
/// complete chunks before the cut are read and ``scan`` says what was lost.
public final class TraceFile: @unchecked Sendable {
    /// The path it was opened from.
    public let path: String
    /// The file's size in bytes.
    public let size: Int
    /// Where its frames are, and what was wrong with the bytes between them.
    public let scan: FrameScan
    private let mapping: MappedFile

    /// Opens and maps `path`, and locates its frames.
    ///
    /// - Throws: ``TraceError/io(path:detail:)`` if it cannot be read,
    ///   ``TraceError/notATrace(detail:)`` if it is empty or does not start with
    ///   a pyframe process chunk.
    public init(path: String) throws(TraceError) {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .io(path: path, detail: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .io(path: path, detail: String(cString: strerror(errno))) }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw .io(path: path, detail: (info.st_mode & S_IFMT) == S_IFDIR ? "is a directory" : "is not a regular file")
        }
        size = Int(info.st_size)
        guard size > 0 else { throw .notATrace(detail: "\(path) is empty") }
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else {
            throw .io(path: path, detail: "cannot map: \(String(cString: strerror(errno)))")
        }
        mapping = MappedFile(base: base, size: size)
        scan = FrameScanner.scan(mapping.bytes)
        try checkStart()
    }

    /// Reads a trace held in memory (for tests and fuzzing); `name` stands
    /// for the path in messages.
    public init(bytes: [UInt8], name: String = "<memory>") throws(TraceError) {
        path = name
        let count = bytes.count
        size = count
        guard count > 0 else { throw .notATrace(detail: "\(name) is empty") }
        let copy = UnsafeMutableRawPointer.allocate(byteCount: count, alignment: 16)
        bytes.withUnsafeBytes { copy.copyMemory(from: $0.baseAddress!, byteCount: count) }
        mapping = MappedFile(base: copy, size: count, release: { $0.deallocate() })
        scan = FrameScanner.scan(mapping.bytes)
        try checkStart()
    }

    /// A trace starts with an LZ4 frame holding a process chunk.
    private func checkStart() throws(TraceError) {
        guard let first = scan.frames.first, first.offset == 0 else {
            throw .notATrace(detail: "\(path) does not start with an LZ4 frame")
        }
        let chunk: Chunk
        do {
            chunk = try decodeFrame(first, codec: LZ4FrameCodec())
        } catch {
            if case .newerVersion = error { throw error }
            throw .notATrace(detail: "\(path): \(error)")
        }
        guard case .process = chunk else {
            throw .notATrace(detail: "\(path) does not start with a process chunk")
        }
    }

    /// Decompresses and decodes one frame. Use one codec per thread.
    public func decodeFrame(_ frame: FrameLocation, codec: LZ4FrameCodec) throws(TraceError) -> Chunk {
        let bytes = UnsafeRawBufferPointer(rebasing: mapping.bytes[frame.offset..<(frame.offset + frame.length)])
        let content = try codec.decompress(bytes, contentSize: frame.contentSize, fileOffset: frame.offset)
        return try ChunkReader.decode(content, fileOffset: frame.offset)
    }

    /// Calls `body` with every chunk in file order. A chunk that fails to
    /// decode is reported through `problem` and skipped; reading goes on.
    /// A chunk of a newer format version stops reading with that error.
    public func forEachChunk(problem: (TraceError) -> Void = { _ in },
                             _ body: (FrameLocation, Chunk) throws -> Void) throws {
        let codec = LZ4FrameCodec()
        for frame in scan.frames {
            let chunk: Chunk
            do {
                chunk = try decodeFrame(frame, codec: codec)
            } catch {
                if case .newerVersion = error { throw error }
                problem(error)
                continue
            }
            try body(frame, chunk)
        }
    }
}

/// A trace's bytes (a read-only memory mapping, or a copy in memory),
/// released exactly once when the last user lets go.
final class MappedFile: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer
    private let release: (UnsafeMutableRawPointer) -> Void

    init(base: UnsafeMutableRawPointer, size: Int,
         release: @escaping (UnsafeMutableRawPointer) -> Void = { _ in }) {
        bytes = UnsafeRawBufferPointer(start: base, count: size)
        self.release = release
    }

    /// A memory mapping, unmapped on release.
    convenience init(base: UnsafeMutableRawPointer, size: Int) {
        self.init(base: base, size: size, release: { munmap($0, size) })
    }

    deinit {
        release(UnsafeMutableRawPointer(mutating: bytes.baseAddress!))
    }
}
