import PyFrameShim
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
///   interpreter's list, so no program hook runs after it, and it asks for a
///   pending call, which the interpreter runs at its next check between
///   instructions, once os.fork has returned: that starts the writer again.
///
/// Meanwhile events wait in the rings; a SIGTERM's final drain waits for the
/// writer to be back (``TerminationSignals``). A forked child starts its own.
enum ForkPause {
    /// pyframe's `after_in_parent` hook, once registered in this process
    /// (a forked child has the parent's registrations, and this with them).
    nonisolated(unsafe) private static var afterHook: UnsafeMutablePointer<PyObject>?
    /// The writer was stopped for a fork and not yet started again.
    nonisolated(unsafe) private static var paused = false

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
        guard let recorder = Recorder.current, recorder.ownerPid == getpid() else { return }
        paused = WriterThread.stopAndWaitUntilGone()
        if paused, let afterHook { _ = pf_fork_hook_move_last(afterHook) }
    }

    /// The `after_in_parent` hook (GIL held).
    static func afterForkInParent() {
        guard paused else { return }
        if pf_add_pending_call({ _ in ForkPause.resume(); return 0 }) != 0 { resume() }
    }

    /// In a forked child: its recording starts a writer of its own.
    static func forgetInChild() { paused = false }

    private static func resume() {
        guard paused else { return }
        paused = false
        if let recorder = Recorder.current, recorder.ownerPid == getpid() { _ = WriterThread.start() }
    }
}

@_cdecl("pyframe_before_fork")
public func pyframeBeforeFork() { ForkPause.beforeFork() }

@_cdecl("pyframe_after_fork_in_parent")
public func pyframeAfterForkInParent() { ForkPause.afterForkInParent() }
