import PyFrameShim
import TraceFormat

/// `--c-calls`: calls of C functions (builtins, C extension functions,
/// method descriptors) recorded as frames of their own, nested in the
/// Python frames, with the hook's guarantees: every thread, nothing
/// dropped, and an exit for every entry, an unwind when the C function raises.
///
/// What counts as a C function call is what CPython's profiling counts
/// (sys.setprofile's `c_call`): a call, from Python code, of a builtin
/// function or method, or of a method descriptor with an instance of its
/// type. Off by default; the default recording pays nothing for it.
///
/// - 3.12 and later: sys.monitoring, its own tool id (the first free of 4, 3,
///   named "pyframe"; on 3.13 ``InlineInitFrames`` takes one and this the
///   other), with C callbacks for CALL (every call; those of C functions
///   are recorded), C_RETURN and C_RAISE. A program's own sys.monitoring
///   tools and sys.setprofile are untouched.
/// - 3.11: a C profile function on each thread, set at the thread's first
///   recorded frame (``ThreadRegistry``), which sees C_CALL, C_RETURN and
///   C_EXCEPTION. `sys.getprofile()` still returns None. While it is set,
///   3.11 runs that thread's frames through its tracing path (as under
///   cProfile). A program that calls sys.setprofile replaces it: from then
///   on that thread's C calls are not recorded (its Python frames still are).
enum CCalls {
    /// Whether this CPython is seen through a profile function (3.11; a
    /// compile-time constant of the shim).
    static let byProfile = PF_C_CALLS_BY_PROFILE != 0
    /// Whether this session records C calls.
    nonisolated(unsafe) static var enabled = false
    /// The sys.monitoring tool id in use (3.12+), or -1.
    nonisolated(unsafe) private static var toolId = -1
    nonisolated(unsafe) private static var monitoring: UnsafeMutablePointer<PyObject>?
    /// Whether the filtered hook counts depth (then C frames obey --max-depth).
    nonisolated(unsafe) private static var countsDepth = false

    /// Starts recording C calls (GIL held); the Python frames are the hook's.
    static func start(_ on: Bool, countingDepth: Bool) {
        enabled = on
        countsDepth = countingDepth
        guard on else { return }
        if byProfile {
            installOnCurrentThread()
        } else {
            startMonitoring()
        }
    }

    /// Stops recording C calls (GIL held).
    static func stop() {
        guard enabled else { return }
        enabled = false
        if byProfile {
            pf_c_profile_remove(pf_c_profile_function)
        } else if toolId >= 0, let monitoring {
            MonitoringCall.run(monitoring, "set_events", [MonitoringCall.int(toolId), MonitoringCall.int(0)])
            MonitoringCall.run(monitoring, "free_tool_id", [MonitoringCall.int(toolId)])
            Py_DecRef(monitoring)
            self.monitoring = nil
            toolId = -1
        }
    }

    /// 3.11: gives the calling thread the C profile function (its first
    /// recorded frame; GIL held).
    @inline(__always)
    static func installOnCurrentThread() {
        if byProfile && enabled { pf_c_profile_install(pf_c_profile_function) }
    }

    /// 3.12+: takes a free tool id and asks for CALL, C_RETURN and C_RAISE.
    private static func startMonitoring() {
        guard let sys = PyImport_ImportModule("sys") else { PyErr_Clear(); return }
        defer { Py_DecRef(sys) }
        guard let module = PyObject_GetAttrString(sys, "monitoring") else { PyErr_Clear(); return }
        let events = ["CALL", "C_RETURN", "C_RAISE"].map { MonitoringCall.event(module, $0) }
        guard !events.contains(0), let id = MonitoringCall.takeToolId(module) else {
            Py_DecRef(module)
            return
        }
        toolId = id
        monitoring = module
        for (kind, event) in events.enumerated() {
            if let callback = pf_c_call_callback(Int32(kind)) {
                MonitoringCall.run(module, "register_callback", [MonitoringCall.int(id), MonitoringCall.int(event), callback])
            }
        }
        MonitoringCall.run(module, "set_events", [MonitoringCall.int(id), MonitoringCall.int(events.reduce(0, |))])
    }

    /// Records the entry (or exit, as `kind`) of a call of the C function
    /// `definition` that `callable` (bound to `bound`) runs, if the filters
    /// keep it. The shim's callbacks have already told C functions from
    /// every other callable.
    @inline(__always)
    static func event(_ definition: UnsafeMutablePointer<PyMethodDef>, _ callable: UnsafeMutablePointer<PyObject>,
                      _ bound: UnsafeMutablePointer<PyObject>?, _ kind: EventKind) {
        let session = Hook.activeSession
        guard session != 0 else { return }
        let id = CFunctionRegistry.id(definition, callable: callable, bound: bound)
        guard id & RecordFilter.excludedMarker == 0 else { return }
        let c = ThreadRegistry.cursor(session: session)
        // The C frame sits one below the Python frame that calls it; the
        // depth counter is the hook's and stays as it is.
        if countsDepth && c.pointee.depth >= Hook.maxDepth { return }
        appendEvent(c, kind, id, pf_ticks())
    }
}

/// The shim's callbacks (sys.monitoring's on 3.12+, the profile function on
/// 3.11) call this for C functions only; `kind` is an EventKind raw value.
@_cdecl("pyframe_c_call_seen")
public func pyframeCCallSeen(_ definition: UnsafeMutablePointer<PyMethodDef>?, _ callable: UnsafeMutablePointer<PyObject>?,
                             _ bound: UnsafeMutablePointer<PyObject>?, _ kind: Int32) {
    guard let definition, let callable, let kind = EventKind(rawValue: UInt8(truncatingIfNeeded: kind)) else { return }
    CCalls.event(definition, callable, bound, kind)
}
