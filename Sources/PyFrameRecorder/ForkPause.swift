import PyFrameShim
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Keeps the writer thread out of os.fork's count of threads (3.12+).
///
/// From 3.12, os.fork() and os.forkpty() count the process's threads (on
/// Linux, in /proc/self/stat) and, finding more than one, warn: "This process
/// is multi-threaded, use of fork() may lead to deadlocks in the child"
/// (a DeprecationWarning, shown by default in `__main__`, under `-X dev` and
/// by pytest). The writer would make every single-threaded program that
/// forks see it, so around a fork from Python the writer is stopped, and
/// started again once the count is taken:
///
/// - Before: os.register_at_fork's `before` hooks run in reverse order of
///   registration, so pyframe's, registered when recording first starts,
///   runs after the program's, just before fork(). It stops the writer and
///   waits until the kernel no longer lists the thread.
/// - After, in the parent: 3.12 counts before the `after_in_parent` hooks,
///   3.13+ after them. pyframe's hook is moved to the end of the
///   interpreter's list, so no program hook runs after it. On 3.12 it starts
///   the writer again at once; on 3.13+, once os.fork has returned, at
///   whichever comes first of: the next event the forking thread records
///   (its ring is made to reach its limit there), the next ring of any
///   thread reaching its limit, a pending call the hook asks for. Each of
///   these runs with the GIL, which the forking thread holds until os.fork
///   returns, so none comes before the count.
///
/// The rings are emptied before the fork; meanwhile new events wait in them.
/// A SIGTERM or SIGHUP that comes while the writer is stopped acts at once,
/// as untraced (``TerminationSignals``): the events since the fork are then
/// lost, rather than the process kept alive until a thread runs Python again.
/// A forked child starts a writer of its own.
enum ForkPause {
    /// pyframe's `after_in_parent` hook, once registered in this process
    /// (a forked child has the parent's registrations, and this with them).
    nonisolated(unsafe) private static var afterHook: UnsafeMutablePointer<PyObject>?
    /// The writer was stopped for a fork and not yet started again (read by
    /// the termination signals' handler too).
    static let paused = Atomic<Bool>(false)

    /// Registers the hooks with os.register_at_fork, once per process (GIL
    /// held). Without them the program may see the warning; nothing else
    /// changes.
    static func register() {
        guard PF_FORK_COUNTS_THREADS != 0, afterHook == nil else { return }
        guard let before = pf_fork_callback(0), let after = pf_fork_callback(1) else { PyErr_Clear(); return }
        defer { Py_DecRef(before) }
        guard let posix = PyImport_ImportModule("posix") else { PyErr_Clear(); Py_DecRef(after); return }
        defer { Py_DecRef(posix) }
        let registered = PyObject_GetAttrString(posix, "register_at_fork").flatMap { function -> UnsafeMutablePointer<PyObject>? in
            defer { Py_DecRef(function) }
            guard let names = PyTuple_New(2) else { return nil }
            defer { Py_DecRef(names) }
            PyTuple_SetItem(names, 0, PyUnicode_InternFromString("before"))  // (stolen)
            PyTuple_SetItem(names, 1, PyUnicode_InternFromString("after_in_parent"))
            let arguments: [UnsafeMutablePointer<PyObject>?] = [before, after]
            return arguments.withUnsafeBufferPointer { PyObject_Vectorcall(function, $0.baseAddress, 0, names) }
        }
        guard let registered else { PyErr_Clear(); Py_DecRef(after); return }
        Py_DecRef(registered)
        afterHook = after
    }

    /// The `before` hook (GIL held).
    static func beforeFork() {
        guard let recorder = Recorder.current, recorder.ownerPid == getpid(),
              WriterThread.stopAndWaitUntilGone() else { return }
        paused.store(true, ordering: .releasing)
        // Empty rings: nothing waits long, and no ring can fill up (its
        // producer would wait for the writer) before the writer is back.
        recorder.drain()
        if let afterHook { _ = pf_fork_hook_move_last(afterHook) }
    }

    /// The `after_in_parent` hook (GIL held).
    static func afterForkInParent() {
        guard paused.load(ordering: .acquiring) else { return }
        guard PF_FORK_COUNTS_AFTER_HOOKS != 0 else {
            resumeIfPaused()
            return
        }
        if let c = pf_tls_get()?.assumingMemoryBound(to: ProducerCursor.self),
           c.pointee.session == Hook.activeSession {
            c.pointee.limit = c.pointee.head &+ 1
        }
        _ = pf_add_pending_call { _ in
            ForkPause.resumeIfPaused()
            return 0
        }
    }

    /// Forgets a stopped writer: in a forked child (its recording starts a
    /// writer of its own), or when recording stops (the last drain is the
    /// stopping thread's).
    static func forget() { paused.store(false, ordering: .releasing) }

    /// Starts the writer again if a fork stopped it (GIL held): from the
    /// after-fork hook, a pending call, or a ring reaching its limit.
    static func resumeIfPaused() {
        guard paused.load(ordering: .acquiring) else { return }
        paused.store(false, ordering: .releasing)
        if let recorder = Recorder.current, recorder.ownerPid == getpid() { _ = WriterThread.start() }
    }
}

@_cdecl("pyframe_before_fork")
public func pyframeBeforeFork() { ForkPause.beforeFork() }

@_cdecl("pyframe_after_fork_in_parent")
public func pyframeAfterForkInParent() { ForkPause.afterForkInParent() }
