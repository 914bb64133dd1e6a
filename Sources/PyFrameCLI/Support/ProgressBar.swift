import Dispatch
import Synchronization
import TraceRender

/// A progress bar on stderr for analyses that take a while: drawn only when
/// stderr is a terminal, only after the work has run for half a second, and
/// at most ten times a second. Workers report from any thread.
final class ProgressBar: @unchecked Sendable {
    private let total: Int
    private let enabled: Bool
    private let lock = Mutex(())
    private var done = 0
    private var drawn = false
    private var lastDraw: UInt64 = 0
    private let start: UInt64
    private let label: String

    /// A bar for `totalBytes` of trace; silent unless stderr is a terminal.
    init(totalBytes: Int, label: String = "analysing") {
        total = max(totalBytes, 1)
        enabled = Terminal.isTerminal(2)
        start = DispatchTime.now().uptimeNanoseconds
        self.label = label
    }

    /// Adds `bytes` of work done.
    func advance(_ bytes: Int) {
        guard enabled else { return }
        lock.withLock { _ in draw(adding: bytes) }
    }

    private func draw(adding bytes: Int) {
        done += bytes
        let now = DispatchTime.now().uptimeNanoseconds
        guard now - start > 500_000_000, now - lastDraw > 100_000_000 else { return }
        lastDraw = now
        drawn = true
        let fraction = min(1, Double(done) / Double(total))
        let cells = 30
        let filled = Int(fraction * Double(cells))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: cells - filled)
        let text = "\r\(label) \(bar) \(Int(fraction * 100))%  \(DisplayFormat.bytes(done)) of \(DisplayFormat.bytes(total))"
        writeStandardError(text)
    }

    /// Erases the bar, if it was drawn.
    func finish() {
        lock.withLock { _ in
            if drawn { writeStandardError("\r\u{1B}[K") }
            drawn = false
        }
    }
}
