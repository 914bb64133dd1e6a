import PyFrameShim
import TraceFormat
#if canImport(Glibc)
import Glibc
#endif

// The `_pyframe` extension module. The method table is C data in the shim
// (module.c); these are the functions it names.

/// Module entry point: Python calls it when the bootstrap loads the extension.
@_cdecl("PyInit__pyframe")
public func PyInit__pyframe() -> UnsafeMutablePointer<PyObject>? {
    pf_module_create()
}

/// Returns a new reference to None.
private func none() -> UnsafeMutablePointer<PyObject>? {
    let object = pf_none()
    Py_IncRef(object)
    return object
}

/// Sets a Python exception of `type` with `message` and returns NULL.
private func fail(_ type: UnsafeMutablePointer<PyObject>?, _ message: String) -> UnsafeMutablePointer<PyObject>? {
    PyErr_SetString(type, message)
    return nil
}

/// `start(path, options="")`: begins recording. `options` is
/// ``RecordingSettings/text``, kept in the trace's process record.
@_cdecl("pyframe_module_start")
public func pyframeModuleStart(_ module: UnsafeMutablePointer<PyObject>?,
                               _ args: UnsafePointer<UnsafeMutablePointer<PyObject>?>?,
                               _ count: Py_ssize_t) -> UnsafeMutablePointer<PyObject>? {
    guard count == 1 || count == 2, let args, let pathObject = args[0], pf_is_unicode(pathObject) != 0 else {
        return fail(PyExc_TypeError, "start(path: str, options: str = '')")
    }
    var text = ""
    if count == 2, let options = args[1] {
        guard pf_is_unicode(options) != 0 else { return fail(PyExc_TypeError, "options must be a str") }
        text = PythonValues.string(options)
    }
    let settings: RecordingSettings
    do {
        settings = try RecordingSettings(text: text)
    } catch {
        return fail(PyExc_ValueError, error.message)
    }
    do {
        try Recorder.start(path: PythonValues.string(pathObject), settings: settings)
    } catch {
        if case .badSettings = error { return fail(PyExc_ValueError, error.description) }
        return fail(PyExc_OSError, error.description)
    }
    return none()
}

/// `stop()`: stops recording and completes the trace file. Returns None, or
/// a line saying what was lost when the file could not be written in full
/// (`pyframe record` reports that itself, from the trace). Safe to call more
/// than once and from a forked child (where it does nothing).
@_cdecl("pyframe_module_stop")
public func pyframeModuleStop(_ module: UnsafeMutablePointer<PyObject>?,
                              _ unused: UnsafeMutablePointer<PyObject>?) -> UnsafeMutablePointer<PyObject>? {
    guard let message = Recorder.stop() else { return none() }
    return PyUnicode_FromString(message)
}

/// `name_thread(name)`: records the calling thread's Python name.
@_cdecl("pyframe_module_name_thread")
public func pyframeModuleNameThread(_ module: UnsafeMutablePointer<PyObject>?,
                                    _ name: UnsafeMutablePointer<PyObject>?) -> UnsafeMutablePointer<PyObject>? {
    ThreadRegistry.rename(PythonValues.string(name))
    return none()
}

/// `_after_fork_child()`: run by os.register_at_fork in a forked child.
@_cdecl("pyframe_module_after_fork_child")
public func pyframeModuleAfterForkChild(_ module: UnsafeMutablePointer<PyObject>?,
                                        _ unused: UnsafeMutablePointer<PyObject>?) -> UnsafeMutablePointer<PyObject>? {
    Recorder.abandonAfterFork()
    return none()
}

/// `is_recording()`.
@_cdecl("pyframe_module_is_recording")
public func pyframeModuleIsRecording(_ module: UnsafeMutablePointer<PyObject>?,
                                     _ unused: UnsafeMutablePointer<PyObject>?) -> UnsafeMutablePointer<PyObject>? {
    let object = Hook.activeSession != 0 ? pf_true() : pf_false()
    Py_IncRef(object)
    return object
}

/// `mark(label)`: puts a named instant in the trace; returns False when
/// nothing is being recorded.
@_cdecl("pyframe_module_mark")
public func pyframeModuleMark(_ module: UnsafeMutablePointer<PyObject>?,
                              _ label: UnsafeMutablePointer<PyObject>?) -> UnsafeMutablePointer<PyObject>? {
    let object = Marks.mark(PythonValues.string(label)) ? pf_true() : pf_false()
    Py_IncRef(object)
    return object
}
