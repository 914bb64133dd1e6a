import PyFrameShim
#if canImport(Glibc)
import Glibc
#endif

/// New threads' stacks at the size they have untraced, and RecursionError
/// rather than a crash when a thread's C stack runs out.
///
/// `pyframe record` raises RLIMIT_STACK for the program, because with an
/// eval-frame hook each Python call also uses C stack and the main thread's
/// stack grows up to that limit. glibc sizes every new thread's stack from
/// the same limit (1 GiB of address space per thread); the launcher passes
/// the size glibc chose under the user's own limit, and this makes it the
/// default again. Threads that ask for a size (`threading.stack_size`) get
/// what they ask for, as untraced.
enum ThreadStacks {
    static func setDefault(_ size: Int) {
        var attr = pthread_attr_t()
        guard pthread_getattr_default_np(&attr) == 0 else { return }
        defer { pthread_attr_destroy(&attr) }
        if pthread_attr_setstacksize(&attr, size) == 0 {
            _ = pthread_setattr_default_np(&attr)
        }
    }

    /// Room left below the floor for C code that Python calls (a C
    /// extension's own recursion, a repr of a deep structure): a quarter of
    /// the stack, at most 256 KiB.
    static func reserve(ofStackSize size: UInt) -> UInt { min(256 << 10, size / 4) }

    /// The lowest address the calling thread's frames may use before the
    /// hook refuses to go deeper (its stack's lowest address plus the
    /// reserve), or 0 if unknown. Untraced, CPython 3.11–3.13 run a Python
    /// call without C stack; traced, each call takes some, and a thread
    /// with a small stack (`threading.stack_size`) would overflow it.
    static func floorOfCurrentThread() -> UInt {
        var attr = pthread_attr_t()
        guard pthread_getattr_np(pthread_self(), &attr) == 0 else { return 0 }
        defer { pthread_attr_destroy(&attr) }
        var low: UnsafeMutableRawPointer?
        var size = 0
        guard pthread_attr_getstack(&attr, &low, &size) == 0, let low, size > 0 else { return 0 }
        return UInt(bitPattern: low) + reserve(ofStackSize: UInt(size))
    }
}
