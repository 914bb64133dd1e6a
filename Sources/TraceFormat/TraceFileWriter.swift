#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Appends compressed chunks to a new trace file.
///
/// The file is created with owner-only permissions, never through a symbolic
/// link and never over an existing file, because it holds the paths and names
/// of the user's code. Each ``append(chunk:)`` writes one complete LZ4 frame,
/// so whatever reached the disk before a crash is readable. A failed write is
/// remembered, not thrown: the recorder must never disturb the traced program.
public final class TraceFileWriter {
    /// The file's path.
    public let path: String
    /// Bytes written so far.
    public private(set) var bytesWritten: UInt64 = 0
    /// The first write error, if any; chunks after it are counted as lost.
    public private(set) var failure: String?
    /// Chunks that could not be written.
    public private(set) var chunksLost: UInt64 = 0

    private var fd: Int32
    private let codec = LZ4FrameCodec()
    private var frame: [UInt8] = []

    /// Creates `path` (which must not exist).
    public init(path: String) throws(TraceError) {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .io(path: path, detail: String(cString: strerror(errno))) }
        frame.reserveCapacity(1 << 18)
    }

    deinit { close() }

    /// Compresses `chunk` into one LZ4 frame and writes it. Returns false if it was lost.
    @discardableResult
    public func append(chunk: [UInt8]) -> Bool {
        guard fd >= 0, failure == nil else { chunksLost += 1; return false }
        frame.removeAll(keepingCapacity: true)
        do {
            try codec.compress(chunk, into: &frame)
        } catch {
            failure = error.description
            chunksLost += 1
            return false
        }
        let ok = frame.withUnsafeBytes { buf -> Bool in
            var done = 0
            while done < buf.count {
                let n = write(fd, buf.baseAddress! + done, buf.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return false
                }
                done += n
            }
            return true
        }
        if ok { bytesWritten += UInt64(frame.count) } else { chunksLost += 1 }
        return ok
    }

    /// Closes the file.
    public func close() {
        if fd >= 0 {
            _ = Glibc.close(fd)
            fd = -1
        }
    }

    /// Forgets the descriptor without writing or closing anything through it:
    /// used in a forked child, which must not touch its parent's trace.
    public func abandon() { fd = -1 }
}
