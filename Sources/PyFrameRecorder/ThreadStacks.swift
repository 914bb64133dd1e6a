import PyFrameShim
#if canImport(Glibc)
import Glibc
#endif

/// New threads' stacks at the size they have untraced.
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
}
