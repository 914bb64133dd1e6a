import PyFrameShim

/// Finds a new thread's Python name when the thread runs its first recorded
/// frame, without wrapping anything of `threading`'s: a wrapper would add a
/// frame to every thread (one less level of recursion before RecursionError)
/// and replace functions the program can see.
enum ThreadNames {
    /// The name `threading` gave the thread, or nil. GIL held; runs no
    /// Python code and leaves no exception set.
    ///
    /// A thread started by `threading` runs `Thread._bootstrap(self)` first
    /// (through `_start_new_thread` before 3.13, `_start_joinable_thread`
    /// since), so its first frame's first argument is the `Thread`. When
    /// that frame is not recorded (filters), the thread is looked up in
    /// `threading._active`, which holds it by then.
    static func name(ident: UInt, firstFrame frame: UnsafeMutablePointer<_PyInterpreterFrame>?) -> String? {
        if let frame, let code = pf_frame_code(frame),
           PyUnicode_CompareWithASCIIString(code.pointee.co_qualname, "Thread._bootstrap") == 0,
           let thread = pf_frame_first_local(frame), let name = storedName(of: thread) {
            return name
        }
        guard let threading = PyDict_GetItemString(PyImport_GetModuleDict(), "threading"),
              let active = PyObject_GetAttrString(threading, "_active") else {
            PyErr_Clear()
            return nil
        }
        defer { Py_DecRef(active) }
        guard let key = PyLong_FromUnsignedLong(ident) else {
            PyErr_Clear()
            return nil
        }
        defer { Py_DecRef(key) }
        let thread = pf_is_dict(active) != 0 ? PyDict_GetItemWithError(active, key) : nil
        PyErr_Clear()
        return thread.flatMap(storedName)
    }

    /// `thread._name` read from the instance, not through the `name`
    /// property (which is Python code).
    private static func storedName(of thread: UnsafeMutablePointer<PyObject>) -> String? {
        guard let name = PyObject_GetAttrString(thread, "_name") else {
            PyErr_Clear()
            return nil
        }
        defer { Py_DecRef(name) }
        return pf_is_unicode(name) != 0 ? PythonValues.string(name) : nil
    }
}
