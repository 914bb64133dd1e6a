import FoundationEssentials
import Glibc

/// Removes the output's temporary file when pyframe is interrupted (Ctrl-C,
/// SIGTERM, SIGHUP) while writing it, then dies of the same signal, so an
/// interrupted analyzer leaves neither a half-written output nor a stray file.
///
/// The handler may only call async-signal-safe functions, so the path is
/// kept as a C string in memory that is never freed while registered.
enum TemporaryFileCleanup {
    /// The temporary file's path as a C string, or nil.
    nonisolated(unsafe) private static var pending: UnsafeMutablePointer<CChar>?
    nonisolated(unsafe) private static var installed = false
    /// SIGXFSZ too: a file-size limit reached while writing must not leave the temporary file.
    private static let signals = [SIGINT, SIGTERM, SIGHUP, SIGXFSZ]

    /// Makes `path` the file removed on a signal (one at a time).
    static func register(_ path: String) {
        installHandlers()
        let copy = strdup(path)
        let old = pending
        pending = copy
        free(old)
    }

    /// The temporary file was renamed or removed: nothing to clean up.
    static func unregister() {
        let old = pending
        pending = nil
        free(old)
    }

    private static func installHandlers() {
        guard !installed else { return }
        installed = true
        for sig in signals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { sig in
                if let path = TemporaryFileCleanup.pending { unlink(path) }
                signal(sig, SIG_DFL)
                raise(sig)
            }
            sigemptyset(&action.sa_mask)
            var previous = sigaction()
            sigaction(sig, nil, &previous)
            // A signal the caller chose to ignore (nohup, a background job) stays ignored.
            if let handler = previous.__sigaction_handler.sa_handler,
               unsafeBitCast(handler, to: Int.self) == 1 /* SIG_IGN */ { continue }
            sigaction(sig, &action, nil)
        }
    }
}
