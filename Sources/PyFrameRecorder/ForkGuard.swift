#if canImport(Glibc)
import Glibc
#endif

/// Makes `fork()` safe while recording.
///
/// Only the writer thread, and a thread exiting (its ring's last release),
/// can hold the recorder's locks when another thread forks (every other
/// user of them holds the GIL, which the forking thread has), and they hold
/// them only under the drain lock. The drain lock is therefore
/// taken before fork and released after it on both sides, so a child never
/// inherits a lock held by a thread that does not exist in it; and the
/// child gets every lock back as new (``ForkSafeLock``), whatever state the
/// parent left it in. Installed once per process with pthread_atfork.
enum ForkGuard {
    /// Held by the writer for a whole drain, and across fork.
    static let drainLock: UnsafeMutablePointer<pthread_mutex_t> = {
        let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        pthread_mutex_init(lock, nil)
        return lock
    }()
    nonisolated(unsafe) private static var installed = false

    /// Registers the fork handlers (once).
    static func install() {
        _ = drainLock
        // Made now, not first in a child (where a lazy initialisation
        // another parent thread had begun could never finish).
        _ = locks
        guard !installed else { return }
        installed = true
        pthread_atfork({ pthread_mutex_lock(ForkGuard.drainLock) },
                       { pthread_mutex_unlock(ForkGuard.drainLock) },
                       {
                           pthread_mutex_unlock(ForkGuard.drainLock)
                           for lock in ForkGuard.locks { lock() }
                       })
    }

    /// Resets each of the recorder's locks in a forked child.
    private static let locks: [() -> Void] = [
        CodeRegistry.pending.resetInChild, CFunctionRegistry.pending.resetInChild, Marks.pending.resetInChild,
        ThreadRegistry.rings.resetInChild, ThreadRegistry.pending.resetInChild, SlotPool.resetInChild,
    ]

    /// Runs `body` holding the drain lock.
    static func whileDraining<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(drainLock)
        defer { pthread_mutex_unlock(drainLock) }
        return body()
    }
}
