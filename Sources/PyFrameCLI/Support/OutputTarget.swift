import Foundation
import TraceFormat

/// Where a command's output goes: stdout, or the file `-o` names.
///
/// The file is opened in place (created or truncated), never replaced
/// through a temporary file and a rename: `-o /dev/stdout`, a named pipe or
/// a device must stay what it is.
struct OutputTarget {
    let path: String?

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
    func stream(_ produce: ((String) -> Void) -> Void) throws {
        let fd = try openTarget()
        var out = BufferedOutput(fd: fd)
        produce { out.line($0) }
        out.flush()
        try finish(fd, failure: out.failure)
    }

    /// Writes binary output (pprof) as it is.
    func write(bytes: [UInt8]) throws {
        let fd = try openTarget()
        try finish(fd, failure: bytes.withUnsafeBytes { FileIO.writeAll(fd, $0) })
    }

    private func openTarget() throws -> Int32 {
        guard let path else { return 1 }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw fail("cannot write \(path): \(String(cString: strerror(errno)))") }
        return fd
    }

    /// Closes a file target and turns a failure into one error line.
    private func finish(_ fd: Int32, failure: Int32) throws {
        var failure = failure
        if path != nil && close(fd) != 0 && failure == 0 { failure = errno }
        if failure != 0 { throw fail("cannot write \(path ?? "stdout"): \(String(cString: strerror(failure)))") }
    }
}
