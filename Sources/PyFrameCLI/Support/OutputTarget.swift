import FoundationEssentials
import Glibc
import TraceFormat

/// Where a command's output goes: stdout, or the file `-o` names — written
/// so that no command ever destroys a user's file.
///
/// Everything that could lose data is checked when the target is made,
/// before any input is read and before anything is opened for writing: an
/// `-o` that is one of the command's own inputs (the same file through any
/// path, symlink or hard link: same device and inode) is refused, and so is
/// one that would replace an existing pyframe trace, unless `--force`.
///
/// A regular file (or a new one) is written through a temporary file in the
/// same directory, renamed over the destination only once everything was
/// written: a failure, Ctrl-C or SIGTERM leaves the old file as it was and
/// no temporary file behind. A destination that is a symlink keeps its link:
/// the file it points to is replaced. Special files (`-o /dev/stdout`, a
/// named pipe, a device) are written in place, since renaming over them
/// would replace them with a plain file.
struct OutputTarget {
    /// The path as the user gave it; nil for stdout.
    let path: String?
    /// The file actually replaced: `path` with symlinks resolved.
    private let destination: String?
    /// Written in place (a pipe, a device) rather than through a temporary file.
    private let inPlace: Bool
    /// Permission bits of the file being replaced, kept by its replacement.
    private let mode: mode_t

    /// stdout.
    static let standardOutput = OutputTarget(path: nil, destination: nil, inPlace: true, mode: 0)

    private init(path: String?, destination: String?, inPlace: Bool, mode: mode_t) {
        self.path = path
        self.destination = destination
        self.inPlace = inPlace
        self.mode = mode
    }

    /// The target for `-o path` (stdout when nil) of a command that reads `inputs`.
    ///
    /// - Throws: one error line (status 1) when `path` is one of `inputs`, a
    ///   directory, or an existing pyframe trace and `force` is not set.
    init(path: String?, force: Bool, inputs: [String]) throws {
        guard let path else {
            self = .standardOutput
            return
        }
        var info = stat()
        guard stat(path, &info) == 0 else {
            // A new file (or a dangling symlink, whose target gets created).
            let resolved = Self.resolveLink(path)
            self.init(path: path, destination: resolved, inPlace: false, mode: 0o666 & ~Self.umask())
            return
        }
        for input in inputs {
            var other = stat()
            if stat(input, &other) == 0 && other.st_dev == info.st_dev && other.st_ino == info.st_ino {
                let how = input == path ? "" : " (\(input))"
                throw CLIError("-o \(path) is one of this command's inputs\(how); write the output to another file")
            }
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            throw CLIError("-o \(path) is a directory; name a file")
        case S_IFREG:
            if !force && TraceSignature.isTrace(path: path) {
                throw CLIError("-o \(path) is a pyframe trace; use --force to replace it")
            }
            self.init(path: path, destination: Self.resolveLink(path), inPlace: false, mode: info.st_mode & 0o7777)
        default:
            self.init(path: path, destination: path, inPlace: true, mode: 0)
        }
    }

    /// Writes `text` (which should end in a newline) to the target.
    func write(_ text: String) throws {
        try stream { emit in
            // `emit` adds a newline per line; hand it the text without its last one.
            if !text.isEmpty { emit(text.hasSuffix("\n") ? String(text.dropLast()) : text) }
        }
    }

    /// Writes lines, each followed by a newline.
    func write(lines: [String]) throws {
        try stream { emit in lines.forEach(emit) }
    }

    /// Writes the lines `produce` emits as it makes them, so that large
    /// outputs (folded stacks) are never held whole in memory.
    func stream(_ produce: ((String) -> Void) throws -> Void) throws {
        try buffered { out in try produce { out.line($0) } }
    }

    /// Writes the blocks of bytes `produce` hands over as it makes them
    /// (exporters that format into a buffer of their own).
    func stream(bytes produce: ((UnsafeRawBufferPointer) -> Void) throws -> Void) throws {
        try buffered { out in try produce { out.write($0) } }
    }

    /// Opens the output, lets `produce` write through a ``BufferedOutput``,
    /// and finishes or discards the output.
    private func buffered(_ produce: (inout BufferedOutput) throws -> Void) throws {
        let file = try open()
        var out = BufferedOutput(fd: file.fd)
        do {
            try produce(&out)
        } catch {
            discard(file)
            throw error
        }
        out.flush()
        try finish(file, failure: out.failure)
    }

    /// Writes binary output (pprof) as it is.
    func write(bytes: [UInt8]) throws {
        let file = try open()
        try finish(file, failure: bytes.withUnsafeBytes { FileIO.writeAll(file.fd, $0) })
    }

    /// An open output: its descriptor and, for a regular file, the temporary
    /// file that becomes it.
    private struct OpenFile {
        var fd: Int32
        var temporary: String?
    }

    private func open() throws -> OpenFile {
        guard let path, let destination else { return OpenFile(fd: 1, temporary: nil) }
        if inPlace {
            let fd = Glibc.open(destination, O_WRONLY | O_TRUNC | O_CLOEXEC)
            guard fd >= 0 else { throw CLIError("cannot write \(path): \(Errno.current)") }
            return OpenFile(fd: fd, temporary: nil)
        }
        let url = URL(fileURLWithPath: destination)
        let directory = url.deletingLastPathComponent().path
        for attempt in 0..<100 {
            let temporary = directory + "/." + url.lastPathComponent + ".pyframe-\(getpid())-\(attempt).tmp"
            let fd = Glibc.open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
            if fd < 0 && errno == EEXIST { continue }
            guard fd >= 0 else { throw CLIError("cannot write \(path): \(Errno.current)") }
            TemporaryFileCleanup.register(temporary)
            _ = fchmod(fd, mode)
            return OpenFile(fd: fd, temporary: temporary)
        }
        throw CLIError("cannot write \(path): no free temporary name in \(directory)")
    }

    /// Closes the output; a temporary file is renamed into place, or removed
    /// when anything failed, and a failure becomes one error line.
    private func finish(_ file: OpenFile, failure: Int32) throws {
        guard let path else {
            if failure != 0 { throw CLIError("cannot write stdout: \(Errno(failure))") }
            return
        }
        var failure = failure
        if failure == 0, file.temporary != nil, fsync(file.fd) != 0 { failure = errno }
        if close(file.fd) != 0 && failure == 0 { failure = errno }
        if let temporary = file.temporary, let destination {
            if failure == 0 && rename(temporary, destination) != 0 { failure = errno }
            if failure != 0 { unlink(temporary) }
            TemporaryFileCleanup.unregister()
        }
        if failure != 0 { throw CLIError("cannot write \(path): \(Errno(failure))") }
    }

    /// Gives up an output whose producer failed: the temporary file goes,
    /// the destination stays as it was.
    private func discard(_ file: OpenFile) {
        guard path != nil else { return }
        close(file.fd)
        if let temporary = file.temporary {
            unlink(temporary)
            TemporaryFileCleanup.unregister()
        }
    }

    /// `path` with every symlink along it resolved, so that renaming onto
    /// the result replaces the file and keeps the links; the path itself when
    /// it cannot be resolved.
    private static func resolveLink(_ path: String) -> String {
        var hops = 0
        var current = path
        while hops < 40, let target = try? FileManager.default.destinationOfSymbolicLink(atPath: current) {
            current = target.hasPrefix("/") ? target
                : URL(fileURLWithPath: current).deletingLastPathComponent().appendingPathComponent(target).path
            hops += 1
        }
        return current
    }

    private static func umask() -> mode_t {
        let mask = Glibc.umask(0o022)
        _ = Glibc.umask(mask)
        return mask
    }
}
