import Foundation

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
        guard let path else {
            var out = BufferedOutput()
            produce { out.line($0) }
            out.flush()
            return
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw fail("cannot write \(path): \(String(cString: strerror(errno)))") }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 16)
        var failure: String?
        func flush() {
            guard failure == nil else { return }
            buffer.withUnsafeBytes { raw in
                var done = 0
                while done < raw.count {
                    let n = Foundation.write(fd, raw.baseAddress! + done, raw.count - done)
                    if n < 0 && errno == EINTR { continue }
                    if n < 0 {
                        failure = String(cString: strerror(errno))
                        return
                    }
                    done += n
                }
            }
            buffer.removeAll(keepingCapacity: true)
        }
        produce { line in
            buffer.append(contentsOf: line.utf8)
            buffer.append(10)
            if buffer.count >= 1 << 16 { flush() }
        }
        flush()
        if close(fd) != 0 && failure == nil { failure = String(cString: strerror(errno)) }
        if let failure { throw fail("cannot write \(path): \(failure)") }
    }
}
