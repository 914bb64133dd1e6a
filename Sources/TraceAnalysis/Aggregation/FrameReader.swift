#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import TraceFormat

/// Reads a trace with `pread`: finds its frames window by window, and reads
/// and decodes single frames, so that memory holds only what is being decoded.
///
/// ``TraceFile`` maps the whole file, and every page touched through a
/// mapping (the kernel faults in neighbouring pages too) stays in the
/// process's resident set: a 1 GiB trace would show 1 GiB of memory. Reading
/// into reused buffers keeps memory bounded by the largest chunk. The checks
/// are those of ``TraceFile``: a regular, non-empty file whose first frame is
/// a process chunk.
final class FrameReader: @unchecked Sendable {
    let path: String
    /// The file's size in bytes.
    let size: Int
    private let fd: Int32

    /// Opens `path` for reading.
    init(path: String) throws(TraceError) {
        self.path = path
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .io(path: path, detail: String(cString: strerror(errno))) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let detail = String(cString: strerror(errno))
            close(fd)
            throw .io(path: path, detail: detail)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw .io(path: path, detail: (info.st_mode & S_IFMT) == S_IFDIR ? "is a directory" : "is not a regular file")
        }
        size = Int(info.st_size)
        guard size > 0 else {
            close(fd)
            throw .notATrace(detail: "\(path) is empty")
        }
    }

    /// Finds every frame, scanning windows of the file with ``FrameScanner``,
    /// and checks that the trace starts with a process chunk.
    func scan() throws(TraceError) -> FrameIndex {
        var result = FrameIndex()
        var window = 1 << 20
        var buffer = [UInt8](repeating: 0, count: window)
        var base = 0
        while base < size {
            let length = min(window, size - base)
            if buffer.count < length { buffer = [UInt8](repeating: 0, count: length) }
            guard read(into: &buffer, at: base, count: length) == length else {
                throw .io(path: path, detail: "cannot read at byte \(base)")
            }
            let part = buffer.withUnsafeBytes { FrameScanner.scan(UnsafeRawBufferPointer(rebasing: $0[0..<length])) }
            for var frame in part.frames {
                frame.offset += base
                result.frames.append(frame)
            }
            // The scanner's messages count bytes from the window's start.
            result.problems += part.problems.filter { !$0.hasPrefix("trace ends inside") }.map { shift($0, by: base) }
            guard let cut = part.truncatedAt else {
                base += length
                continue
            }
            if base + length == size {
                result.truncatedAt = base + cut
                result.problems.append(
                    "trace ends inside a chunk at byte \(base + cut) of \(size) (the recording was cut short); \(size - base - cut) bytes ignored")
                break
            }
            // A frame runs past the window: read again from its start, with a
            // larger window if the frame alone fills it.
            if cut == 0 { window *= 2 }
            base += cut
        }
        guard let first = result.frames.first, first.offset == 0 else {
            throw .notATrace(detail: "\(path) does not start with an LZ4 frame")
        }
        var scratch: [UInt8] = []
        let chunk: Chunk
        do throws(TraceError) {
            chunk = try decode(first, buffer: &scratch, codec: LZ4FrameCodec())
        } catch {
            if case .newerVersion = error { throw error }
            throw .notATrace(detail: "\(path): \(error)")
        }
        guard case .process = chunk else { throw .notATrace(detail: "\(path) does not start with a process chunk") }
        return result
    }

    /// `message` with each "at byte N" moved on by `base`.
    private func shift(_ message: String, by base: Int) -> String {
        guard base > 0, let range = message.range(of: "at byte ") else { return message }
        let digits = message[range.upperBound...].prefix { $0.isNumber }
        guard let n = Int(digits) else { return message }
        return message.replacingCharacters(in: range.upperBound..<digits.endIndex, with: String(n + base))
    }

    /// Reads `count` bytes at `offset` into the start of `buffer`; returns the bytes read.
    private func read(into buffer: inout [UInt8], at offset: Int, count: Int) -> Int {
        let fd = self.fd
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

    deinit { close(fd) }

    /// Decodes `frame`, reading its bytes into `buffer` (grown as needed and
    /// kept by the caller for the next frame).
    func decode(_ frame: FrameLocation, buffer: inout [UInt8], codec: LZ4FrameCodec) throws(TraceError) -> Chunk {
        if buffer.count < frame.length { buffer = [UInt8](repeating: 0, count: max(frame.length, buffer.count * 2)) }
        let got = read(into: &buffer, at: frame.offset, count: frame.length)
        guard got == frame.length else {
            throw .damaged(offset: frame.offset, detail: "chunk cannot be read back (\(got) of \(frame.length) bytes; was the file changed while being read?)")
        }
        let content = try withFrameBytes(buffer, count: frame.length) { (raw: UnsafeRawBufferPointer) throws(TraceError) in
            try codec.decompress(raw, contentSize: frame.contentSize, fileOffset: frame.offset)
        }
        return try ChunkReader.decode(content, fileOffset: frame.offset)
    }

    /// Runs `body` over the first `count` bytes of `array`, keeping the typed error.
    private func withFrameBytes<R>(_ array: [UInt8], count: Int,
                                   _ body: (UnsafeRawBufferPointer) throws(TraceError) -> R) throws(TraceError) -> R {
        let result = array.withUnsafeBytes { raw in
            Result { () throws(TraceError) -> R in try body(UnsafeRawBufferPointer(rebasing: raw[0..<count])) }
        }
        return try result.get()
    }
}
