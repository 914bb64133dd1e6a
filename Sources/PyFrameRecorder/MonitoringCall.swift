import PyFrameShim

/// Calls into `sys.monitoring` for the recorder's tools (``InlineInitFrames``
/// on 3.13, ``CCalls`` on 3.12+), GIL held. Each takes its own tool id.
enum MonitoringCall {
    /// Takes the first free tool id of 4 and 3 (0–2 and 5 are named for
    /// debuggers, coverage, profilers and optimizers), named "pyframe"; nil
    /// when both are taken.
    static func takeToolId(_ module: UnsafeMutablePointer<PyObject>) -> Int? {
        for id in [4, 3] {
            let owner = call(module, "get_tool", [int(id)])
            let free = owner.map { $0 == pf_none() } ?? false
            owner.map { Py_DecRef($0) }
            guard free, let used = call(module, "use_tool_id", [int(id), string("pyframe")]) else { continue }
            Py_DecRef(used)
            return id
        }
        return nil
    }

    /// The bit of `sys.monitoring.events.NAME`, or 0.
    static func event(_ module: UnsafeMutablePointer<PyObject>, _ name: String) -> Int {
        guard let events = PyObject_GetAttrString(module, "events") else { PyErr_Clear(); return 0 }
        defer { Py_DecRef(events) }
        guard let value = PyObject_GetAttrString(events, name) else { PyErr_Clear(); return 0 }
        defer { Py_DecRef(value) }
        let bit = PyLong_AsLong(value)
        if bit == -1 { PyErr_Clear(); return 0 }
        return bit
    }

    /// `module.name(*arguments)`, consuming the references in `arguments`;
    /// nil (and no exception left set) if it raised. A vectorcall: no
    /// argument tuple, which would be a GC-tracked allocation the program's
    /// collector counts.
    static func call(_ module: UnsafeMutablePointer<PyObject>, _ name: String,
                     _ arguments: [UnsafeMutablePointer<PyObject>?]) -> UnsafeMutablePointer<PyObject>? {
        defer { arguments.forEach { $0.map { Py_DecRef($0) } } }
        guard !arguments.contains(where: { $0 == nil }), let function = PyObject_GetAttrString(module, name) else {
            PyErr_Clear()
            return nil
        }
        defer { Py_DecRef(function) }
        let result = arguments.withUnsafeBufferPointer {
            PyObject_Vectorcall(function, $0.baseAddress, arguments.count, nil)
        }
        if result == nil { PyErr_Clear() }
        return result
    }

    /// `module.name(*arguments)` for its effect: the result is released.
    static func run(_ module: UnsafeMutablePointer<PyObject>, _ name: String,
                    _ arguments: [UnsafeMutablePointer<PyObject>?]) {
        call(module, name, arguments).map { Py_DecRef($0) }
    }

    static func int(_ value: Int) -> UnsafeMutablePointer<PyObject>? { PyLong_FromLong(value) }
    static func string(_ value: String) -> UnsafeMutablePointer<PyObject>? { PyUnicode_FromString(value) }
}
