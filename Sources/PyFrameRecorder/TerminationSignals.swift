import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Completes the trace when SIGTERM or SIGHUP ends the program.
///
/// Python leaves these signals at their default action, which kills the
/// process at once: no atexit, so the trace would lose its last events and its
/// end record. While their disposition is still the default, pyframe handles
/// them: the handler asks the writer thread for a final drain, waits for it,
/// restores the default action and raises the signal again, so the program
/// dies exactly as it would have, with a complete trace. A program that
/// installs its own handler replaces pyframe's, as untraced.
///
/// The handler waits at most ``handlerWaitMs``: the thread it interrupted
/// may hold a lock the drain needs (malloc's arena lock, say: a forked pool
/// worker terminated inside `malloc` kept its writer waiting in `free`).
/// Then it returns, so that the thread can let go of the lock; the writer
/// completes the trace and sends the signal again itself (``actAfterFlush``).
/// The program runs those few milliseconds longer rather than lose its trace.
///
/// A signal may come while recording starts: a pool terminating a worker it
/// has just forked, say. The thread that starts recording blocks the signals
/// from ``prepare()`` until the handler is installed and the writer runs, so
/// the signal waits and is then handled like any other.
enum TerminationSignals {
    static let handled: [Int32] = [SIGTERM, SIGHUP]
    /// The signal whose flush was requested, or 0.
    static let requested = Atomic<Int32>(0)
    /// Set by the writer once the final drain is written.
    static let flushed = Atomic<Bool>(false)
    /// The process whose writer will flush, or 0. A forked child inherits
    /// the parent's handler and this value: until the child records, the
    /// handler finds another pid here and lets the signal act at once,
    /// rather than wait for a writer the child does not have.
    static let owner = Atomic<Int32>(0)
    /// How long the handler waits for the final drain before it returns.
    static let handlerWaitMs = 100

    /// Makes ready for a new recording in this process. Returns the thread's
    /// signal mask, for ``restore(_:)`` once recording has started (or failed).
    static func prepare() -> sigset_t {
        let mask = blockInCurrentThread()
        requested.store(0, ordering: .relaxed)
        flushed.store(false, ordering: .relaxed)
        owner.store(getpid(), ordering: .releasing)
        return mask
    }

    /// Installs the handler for each signal whose disposition is the default
    /// (a forked child's may already be pyframe's, inherited).
    static func install() {
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
        owner.store(0, ordering: .releasing)
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
    /// they are never delivered to the thread that must do the flush; the
    /// thread that starts or stops recording, until the trace can be
    /// completed; and a thread holding one of the recorder's locks
    /// (``ForkSafeLock``), which the flush takes.
    @discardableResult
    static func blockInCurrentThread() -> sigset_t {
        var previous = sigset_t()
        withUnsafePointer(to: blocked) { _ = pthread_sigmask(SIG_BLOCK, $0, &previous) }
        return previous
    }

    /// The handled signals as a set.
    private static let blocked: sigset_t = {
        var set = sigset_t()
        sigemptyset(&set)
        for sig in handled { sigaddset(&set, sig) }
        return set
    }()

    /// Run by the writer once the final drain is written: the signal does
    /// what it would have done untraced. Sent to the process, not raised in
    /// the writer (which blocks it): a thread that blocks it for a moment
    /// (holding a recorder lock) gets it when it unblocks.
    static func actAfterFlush(_ sig: Int32) {
        flushed.store(true, ordering: .releasing)
        signal(sig, SIG_DFL)
        kill(getpid(), sig)
    }

    /// Restores a mask returned by ``blockInCurrentThread()``; a signal that
    /// arrived meanwhile is delivered now.
    static func restore(_ mask: sigset_t) {
        var mask = mask
        pthread_sigmask(SIG_SETMASK, &mask, nil)
    }
}

/// The signal handler: only async-signal-safe work (atomics, sem_post,
/// nanosleep, signal, raise, getpid).
private func terminationHandler(_ sig: Int32) {
    // While a fork has stopped the writer (``ForkPause``), no drain can come.
    if TerminationSignals.owner.load(ordering: .acquiring) == getpid(),
       !ForkPause.paused.load(ordering: .acquiring),
       TerminationSignals.requested.compareExchange(expected: 0, desired: sig, ordering: .acquiringAndReleasing).exchanged {
        WriterThread.wake()
        var pause = timespec(tv_sec: 0, tv_nsec: 1_000_000)
        var waited = 0
        while waited < TerminationSignals.handlerWaitMs, !TerminationSignals.flushed.load(ordering: .acquiring) {
            nanosleep(&pause, nil)
            waited += 1
        }
        // Not flushed yet: the writer acts once it is.
        guard TerminationSignals.flushed.load(ordering: .acquiring) else { return }
    }
    signal(sig, SIG_DFL)
    raise(sig)
}
