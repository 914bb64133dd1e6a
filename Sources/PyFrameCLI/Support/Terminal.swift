import FoundationEssentials
import Glibc

/// Facts about the terminal the command runs in.
enum Terminal {
    /// Whether `fd` is a terminal (not a pipe or file).
    static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// The terminal's width in columns: `COLUMNS`, else the window size of
    /// stdout, else 120.
    static func columns() -> Int {
        if let text = ProcessInfo.processInfo.environment["COLUMNS"], let n = Int(text), n > 20 { return n }
        var size = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 { return Int(size.ws_col) }
        return 120
    }
}
