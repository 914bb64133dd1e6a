import Foundation

/// Collects output lines and writes them to stdout in large blocks, so that
/// dumping millions of events is not one system call per line. A closed pipe
/// (`| head`) ends the program quietly.
struct BufferedOutput {
    private var buffer: [UInt8] = []

    init() { buffer.reserveCapacity(1 << 16) }

    mutating func line(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        buffer.append(10)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        buffer.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = write(1, raw.baseAddress! + done, raw.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    exit(errno == EPIPE ? 0 : 1)
                }
                done += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
