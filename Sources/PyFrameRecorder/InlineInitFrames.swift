import PyFrameShim
import TraceFormat

/// CPython 3.13 runs a simple class's `__init__` without the eval-frame hook:
/// its `CALL_ALLOC_AND_ENTER_INIT` instruction (a specialised call of a class
/// whose `__init__` is a plain Python function) pushes the frame straight
/// into the caller's eval loop. Only that version does; the shim says so with
/// PF_INLINE_INIT_FRAMES.
///
/// Those frames are recorded through sys.monitoring instead, and only for
/// code the hook has already seen under the name `__init__` (every call site
/// runs its first call unspecialised, through the hook): PY_START and
/// PY_RETURN on those code objects alone, PY_UNWIND (which cannot be set per
/// code object) for all. A callback records an event only when the current
/// frame sits on the interpreter's `__init__` cleanup frame; for a frame the
/// hook entered it returns at once. Other versions pay nothing: `enabled` is
/// a constant false there, and no tool id is taken.
enum InlineInitFrames {
    /// Whether this CPython needs it (a compile-time constant of the shim).
    static let enabled = PF_INLINE_INIT_FRAMES != 0

    /// The sys.monitoring tool id in use, or -1.
    nonisolated(unsafe) private static var toolId = -1
    /// `sys.monitoring`, while in use.
    nonisolated(unsafe) private static var monitoring: UnsafeMutablePointer<PyObject>?

    /// sys.monitoring's event bits (`sys.monitoring.events`).
    private static let pyStart = 1, pyReturn = 4, pyUnwind = 1 << 12

    /// Takes a free tool id and registers the callbacks (GIL held). Without
    /// a free id, `__init__` frames run inline are not recorded; the hook
    /// still records every other frame.
    static func start() {
        guard enabled, toolId < 0 else { return }
        guard let sys = PyImport_ImportModule("sys") else { PyErr_Clear(); return }
        defer { Py_DecRef(sys) }
        guard let module = PyObject_GetAttrString(sys, "monitoring") else { PyErr_Clear(); return }
        guard let id = MonitoringCall.takeToolId(module) else {
            Py_DecRef(module)
            return
        }
        toolId = id
        monitoring = module
        for (kind, event) in [pyStart, pyReturn, pyUnwind].enumerated() {
            if let callback = pf_inline_init_callback(Int32(kind)) {
                call(module, "register_callback", [int(id), int(event), callback]).map { Py_DecRef($0) }
            }
        }
        call(module, "set_events", [int(id), int(pyUnwind)]).map { Py_DecRef($0) }
    }

    /// Watches a code object the hook saw for the first time, if it is an
    /// `__init__` (GIL held).
    static func watch(_ code: UnsafeMutablePointer<PyCodeObject>) {
        guard enabled, toolId >= 0, let monitoring,
              PyUnicode_CompareWithASCIIString(code.pointee.co_name, "__init__") == 0 else { return }
        let object = UnsafeMutableRawPointer(code).assumingMemoryBound(to: PyObject.self)
        Py_IncRef(object)
        call(monitoring, "set_local_events", [int(toolId), object, int(pyStart | pyReturn)]).map { Py_DecRef($0) }
    }

    /// Gives the tool id back (GIL held). The callbacks stay registered:
    /// unregistering raises audit events the program's own audit hooks
    /// would see; with recording stopped they return at once.
    static func stop() {
        guard enabled, toolId >= 0, let monitoring else { return }
        call(monitoring, "set_events", [int(toolId), int(0)]).map { Py_DecRef($0) }
        call(monitoring, "free_tool_id", [int(toolId)]).map { Py_DecRef($0) }
        Py_DecRef(monitoring)
        self.monitoring = nil
        toolId = -1
    }

    /// Records `kind` for the current frame if the hook did not enter it.
    static func event(_ kind: EventKind) -> UnsafeMutablePointer<PyObject>? {
        let session = Hook.activeSession
        if session != 0, let frame = pf_current_inline_init_frame(), let code = pf_frame_code(frame) {
            Hook.appendUnhookedEvent(frame: frame, code: code, kind: kind, session: session)
        }
        Py_IncRef(pf_none())
        return pf_none()
    }

    private static func call(_ module: UnsafeMutablePointer<PyObject>, _ name: String,
                             _ arguments: [UnsafeMutablePointer<PyObject>?]) -> UnsafeMutablePointer<PyObject>? {
        MonitoringCall.call(module, name, arguments)
    }
    private static func int(_ value: Int) -> UnsafeMutablePointer<PyObject>? { MonitoringCall.int(value) }
}

@_cdecl("pyframe_inline_init_started")
public func pyframeInlineInitStarted(_ module: UnsafeMutablePointer<PyObject>?,
                                     _ args: UnsafePointer<UnsafeMutablePointer<PyObject>?>?,
                                     _ count: Py_ssize_t) -> UnsafeMutablePointer<PyObject>? {
    InlineInitFrames.event(.call)
}

@_cdecl("pyframe_inline_init_returned")
public func pyframeInlineInitReturned(_ module: UnsafeMutablePointer<PyObject>?,
                                      _ args: UnsafePointer<UnsafeMutablePointer<PyObject>?>?,
                                      _ count: Py_ssize_t) -> UnsafeMutablePointer<PyObject>? {
    InlineInitFrames.event(.return)
}

@_cdecl("pyframe_inline_init_unwound")
public func pyframeInlineInitUnwound(_ module: UnsafeMutablePointer<PyObject>?,
                                     _ args: UnsafePointer<UnsafeMutablePointer<PyObject>?>?,
                                     _ count: Py_ssize_t) -> UnsafeMutablePointer<PyObject>? {
    InlineInitFrames.event(.unwind)
}
