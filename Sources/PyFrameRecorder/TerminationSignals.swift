import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Completes the trace when SIGTERM or SIGHUP ends the program.
///
/// Python leaves these signals at their default action, which kills the
/// process at once: no atexit, so the trace would lose its last events and its
/// end record. While their disposition is still the default, pyframe handles
/// them: the handler asks the writer thread for a final drain, waits for it
/// (two seconds at most), restores the default action and raises the signal
/// again, so the program dies exactly as it would have, with a complete trace.
/// A program that installs its own handler replaces pyframe's, as untraced.
enum TerminationSignals {
    static let handled: [Int32] = [SIGTERM, SIGHUP]
    /// The signal whose flush was requested, or 0.
    static let requested = Atomic<Int32>(0)
    /// Set by the writer once the final drain is written.
    static let flushed = Atomic<Bool>(false)

    /// Installs the handler for each signal whose disposition is the default.
    static func install() {
        requested.store(0, ordering: .relaxed)
        flushed.store(false, ordering: .relaxed)
        for sig in handled {
            var current = sigaction()
            sigaction(sig, nil, &current)
            guard current.__sigaction_handler.sa_handler == nil else { continue }  // SIG_DFL is 0
            var action = sigaction()
            action.__sigaction_handler.sa_handler = terminationHandler
            sigemptyset(&action.sa_mask)
            sigaction(sig, &action, nil)
        }
    }

    /// Puts the default action back where pyframe's handler still is.
    static func uninstall() {
        for sig in handled {
            var current = sigaction()
            sigaction(sig, nil, &current)
            if let handler = current.__sigaction_handler.sa_handler,
               unsafeBitCast(handler, to: UnsafeRawPointer.self)
                == unsafeBitCast(terminationHandler as @convention(c) (Int32) -> Void, to: UnsafeRawPointer.self) {
                signal(sig, SIG_DFL)
            }
        }
    }

    /// Blocks the handled signals in the calling thread: the writer, so that
    /// they are never delivered to the thread that must do the flush, and the
    /// thread that stops recording, until the trace is complete.
    @discardableResult
    static func blockInCurrentThread() -> sigset_t {
        var set = sigset_t()
        var previous = sigset_t()
        sigemptyset(&set)
        for sig in handled { sigaddset(&set, sig) }
        pthread_sigmask(SIG_BLOCK, &set, &previous)
        return previous
    }

    /// Restores a mask returned by ``blockInCurrentThread()``; a signal that
    /// arrived meanwhile is delivered now.
    static func restore(_ mask: sigset_t) {
        var mask = mask
        pthread_sigmask(SIG_SETMASK, &mask, nil)
    }
}

/// The signal handler: only async-signal-safe work (atomics, sem_post,
/// nanosleep, signal, raise).
private func terminationHandler(_ sig: Int32) {
    if TerminationSignals.requested.compareExchange(expected: 0, desired: sig, ordering: .acquiringAndReleasing).exchanged {
        WriterThread.wake()
        var pause = timespec(tv_sec: 0, tv_nsec: 1_000_000)
        for _ in 0..<2000 where !TerminationSignals.flushed.load(ordering: .acquiring) {
            nanosleep(&pause, nil)
        }
    }
    signal(sig, SIG_DFL)
    raise(sig)
}
