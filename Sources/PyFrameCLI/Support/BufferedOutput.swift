import FoundationEssentials
import Glibc
import TraceFormat

/// Collects output lines and writes them in large blocks, so that dumping
/// millions of events is not one system call per line. On stdout, a closed
/// pipe (`| head`) ends the program quietly; on a file, the first failure is
/// kept for the caller to report.
struct BufferedOutput {
    /// Where the lines go.
    let fd: Int32
    /// The errno of the first failed write, or 0.
    private(set) var failure: Int32 = 0
    private var buffer: [UInt8] = []

    init(fd: Int32 = 1) {
        self.fd = fd
        buffer.reserveCapacity(1 << 16)
    }

    mutating func line(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        buffer.append(10)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Writes `bytes` (whole lines, from an exporter's own large buffer)
    /// after what is buffered, without copying them.
    mutating func write(_ bytes: UnsafeRawBufferPointer) {
        flush()
        if failure == 0 {
            let error = FileIO.writeAll(fd, bytes)
            if error != 0 && fd == 1 { exit(error == EPIPE ? 0 : 1) }
            failure = error
        }
    }

    mutating func flush() {
        if failure == 0 {
            let error = buffer.withUnsafeBytes { FileIO.writeAll(fd, $0) }
            if error != 0 && fd == 1 { exit(error == EPIPE ? 0 : 1) }
            failure = error
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
