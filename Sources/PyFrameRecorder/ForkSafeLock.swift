#if canImport(Glibc)
import Glibc
#endif

/// A value behind a plain pthread mutex, which a forked child gets back
/// unlocked (``ForkGuard`` resets every one in its child handler).
///
/// Swift's `Mutex` on Linux is a priority-inheritance futex whose word holds
/// the owner's thread id, which each thread caches: a lock word that names a
/// thread of the parent cannot be taken in the child, and the kernel's
/// refusal ends the process (`Fatal error: Unknown error occurred while
/// attempting to acquire a Mutex` — seen once in a child of CPython's
/// `test_threading.test_is_alive_after_fork`). The child abandons the
/// parent's session, so it needs only the locks back, not what they guard.
///
/// SIGTERM and SIGHUP are blocked in the thread while it holds the lock: the
/// handler that completes the trace waits for the writer, which takes these
/// locks, so a handler run by a thread holding one would wait in vain and
/// the program would die with its trace incomplete (a forked pool worker
/// terminated while it announced its first code objects did).
final class ForkSafeLock<Value>: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    init(_ value: Value) {
        mutex = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
        self.value = value
    }

    /// Runs `body` with the value, holding the lock.
    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        let signalMask = TerminationSignals.blockInCurrentThread()
        pthread_mutex_lock(mutex)
        defer {
            pthread_mutex_unlock(mutex)
            TerminationSignals.restore(signalMask)
        }
        return try body(&value)
    }

    /// In a forked child: the lock as new, whichever parent thread held it.
    func resetInChild() {
        pthread_mutex_init(mutex, nil)
    }
}
