#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Appends compressed chunks to a new trace file.
///
/// The file is created with owner-only permissions, never through a symbolic
/// link and never over an existing file, because it holds the paths and names
/// of the user's code. Each append writes one complete LZ4 frame, so whatever
/// reached the disk before a crash is readable. A failed write is remembered,
/// not thrown: the recorder must never disturb the traced program.
///
/// On Linux the file is made without a name (O_TMPFILE) and linked under its
/// path once its first chunk is written: a process killed in between (a
/// child SIGKILLed as it starts) leaves no file rather than an empty one,
/// which is not a trace and would stop `pyframe report` of the whole folder.
///
/// With a ring limit (flight-recorder mode) the file keeps only the newest
/// events: once the events written exceed twice the limit, a new file is
/// built beside it from the metadata chunks, a ``ChunkKind/loss`` chunk
/// saying what was dropped, and the newest events chunks that fit in the
/// limit, and is renamed over the old one. The file on disk is always a
/// valid trace.
public final class TraceFileWriter {
    /// The file's path.
    public let path: String
    /// Bytes written so far (into the current file).
    public private(set) var bytesWritten: UInt64 = 0
    /// The first write error, if any; chunks after it are counted as lost.
    public private(set) var failure: String?
    /// Chunks that could not be written.
    public private(set) var chunksLost: UInt64 = 0
    /// Flight-recorder mode: keep about this many bytes of events chunks.
    public let ringLimit: Int?
    /// Events dropped by ring mode so far, per thread.
    public private(set) var ringDropped: [UInt32: ThreadLoss] = [:]

    private var fd: Int32
    /// The file has no name yet: the first write links it under `path`.
    private var unnamed = false
    private let codec = ChunkCodec()
    // Ring mode only: metadata frames as written, and where events frames lie.
    private var metadataFrames: [[UInt8]] = []
    private var eventFrames: [(offset: UInt64, length: Int, thread: UInt32, events: UInt64)] = []
    private var eventBytes = 0

    /// Creates `path`, which must not exist.
    ///
    /// - Parameter ringLimit: in flight-recorder mode, the events bytes to keep.
    public init(path: String, ringLimit: Int? = nil) throws(TraceError) {
        self.path = path
        self.ringLimit = ringLimit
        if let unnamedFd = try Self.createUnnamed(path) {
            fd = unnamedFd
            unnamed = true
        } else {
            fd = try Self.create(path)
        }
    }

    deinit { close() }

    private static func create(_ path: String) throws(TraceError) -> Int32 {
        let fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .io(path: path, detail: "\(Errno.current)") }
        return FileIO.highDescriptor(fd)
    }

    /// A file without a name in `path`'s folder, or nil where the file
    /// system cannot make one (then ``create(_:)`` names it at once).
    private static func createUnnamed(_ path: String) throws(TraceError) -> Int32? {
        #if os(Linux)
        var existing = stat()
        if lstat(path, &existing) == 0 { throw .io(path: path, detail: "\(Errno(EEXIST))") }
        let slash = path.utf8.lastIndex(of: UInt8(ascii: "/"))
        let folder = slash.map { String(path[...$0]) } ?? "."
        // O_TMPFILE, which Swift does not import: __O_TMPFILE (the same on
        // every Linux architecture) with O_DIRECTORY.
        // (Linked through /proc/self/fd, without which it could never be named.)
        guard access("/proc/self/fd", F_OK) == 0 else { return nil }
        let fd = open(folder, 0o20000000 | O_DIRECTORY | O_RDWR | O_CLOEXEC, 0o600)
        return fd >= 0 ? FileIO.highDescriptor(fd) : nil
        #else
        return nil
        #endif
    }

    /// Gives the unnamed file its name, never over an existing file.
    private func link() -> Bool {
        #if os(Linux)
        guard linkat(AT_FDCWD, "/proc/self/fd/\(fd)", AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0 else {
            failure = Errno.current.description
            return false
        }
        #endif
        unnamed = false
        return true
    }

    /// Compresses a metadata chunk (process, codes, threads) into one LZ4
    /// frame and writes it. Returns false if it was lost.
    @discardableResult
    public func append(chunk: [UInt8]) -> Bool {
        guard let frame = compress(chunk) else { return false }
        if ringLimit != nil { metadataFrames.append(Array(frame)) }
        return write(frame)
    }

    /// Writes the end chunk: tried even after a write failed (a full disk
    /// often still has room for these few bytes once the partial frame is
    /// gone), so that the file says itself what it lost.
    @discardableResult
    public func appendFinal(chunk: [UInt8]) -> Bool {
        let earlier = failure
        failure = nil
        defer { if earlier != nil { failure = earlier } }
        guard let frame = compress(chunk) else { return false }
        return write(frame)
    }

    /// Compresses an events chunk of `thread` holding `events` events and
    /// writes it. Returns false if it was lost.
    @discardableResult
    public func append(events chunk: [UInt8], thread: UInt32, count events: UInt64) -> Bool {
        guard let frame = compress(chunk) else { return false }
        let offset = bytesWritten
        guard write(frame) else { return false }
        if let limit = ringLimit {
            eventFrames.append((offset, frame.count, thread, events))
            eventBytes += frame.count
            if eventBytes > 2 * limit { compact(keeping: limit) }
        }
        return true
    }

    /// In ring mode, cuts the file down to the newest `ringLimit` bytes of
    /// events now (done before the end record when recording stops).
    package func compactNow() {
        if let limit = ringLimit, eventBytes > limit { compact(keeping: limit) }
    }

    /// Events dropped by ring mode, in total.
    public var ringDroppedEvents: UInt64 { ringDropped.values.reduce(0) { $0 + $1.events } }

    /// The chunk's LZ4 frame, in the codec's buffer until the next chunk;
    /// nil if it is lost.
    private func compress(_ chunk: [UInt8]) -> UnsafeRawBufferPointer? {
        guard fd >= 0, failure == nil else { chunksLost += 1; return nil }
        do {
            return try codec.compress(bytesOf: chunk)
        } catch {
            failure = error.description
            chunksLost += 1
            return nil
        }
    }

    private func write(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let error = FileIO.writeAll(fd, bytes)
        let ok = error == 0 && (!unnamed || link())
        if ok {
            bytesWritten += UInt64(bytes.count)
        } else {
            if error != 0 { failure = Errno(error).description }
            chunksLost += 1
            // Cut off the partial frame, so the file stays a valid trace.
            _ = ftruncate(fd, off_t(bytesWritten))
            _ = lseek(fd, off_t(bytesWritten), SEEK_SET)
        }
        return ok
    }

    private static func writeAll(_ fd: Int32, _ buf: UnsafeRawBufferPointer) -> Bool {
        FileIO.writeAll(fd, buf) == 0
    }

    /// Builds the kept trace in a new file and renames it over the old one.
    private func compact(keeping limit: Int) {
        var keepFrom = eventFrames.count
        var kept = 0
        while keepFrom > 0 && kept + eventFrames[keepFrom - 1].length <= limit {
            keepFrom -= 1
            kept += eventFrames[keepFrom].length
        }
        let dropped = eventFrames[0..<keepFrom]
        var losses = ringDropped
        for f in dropped {
            losses[f.thread, default: ThreadLoss(thread: f.thread, events: 0, chunks: 0)].events += f.events
            losses[f.thread]!.chunks += 1
        }
        let temporary = path + ".compacting"
        unlink(temporary)
        guard let newFd = try? Self.create(temporary) else { return }  // keep appending; try again later
        var ok = true
        var offset: UInt64 = 0
        for meta in metadataFrames where ok {
            ok = meta.withUnsafeBytes { Self.writeAll(newFd, $0) }
            offset += UInt64(meta.count)
        }
        if ok {
            let loss = ChunkWriter.loss(losses.values.sorted { $0.thread < $1.thread })
            let frame = try? codec.compress(bytesOf: loss)
            ok = frame.map { Self.writeAll(newFd, $0) } ?? false
            offset += UInt64(frame?.count ?? 0)
        }
        var moved: [(offset: UInt64, length: Int, thread: UInt32, events: UInt64)] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        for f in eventFrames[keepFrom...] where ok {
            if buffer.count < f.length { buffer = [UInt8](repeating: 0, count: f.length) }
            ok = buffer.withUnsafeMutableBytes { b in
                pread(fd, b.baseAddress!, f.length, off_t(f.offset)) == f.length
                    && Self.writeAll(newFd, UnsafeRawBufferPointer(rebasing: b[0..<f.length]))
            }
            moved.append((offset, f.length, f.thread, f.events))
            offset += UInt64(f.length)
        }
        guard ok, rename(temporary, path) == 0 else {
            Glibc.close(newFd)
            unlink(temporary)
            return
        }
        Glibc.close(fd)
        fd = newFd
        bytesWritten = offset
        eventFrames = moved
        eventBytes = kept
        ringDropped = losses
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
