import PyFrameShim
import TraceFormat

/// The PEP 523 eval-frame hook: every Python frame evaluation passes here.
///
/// Per frame it reads the code id from co_extra, records an entry, lets the
/// previous evaluator (CPython's, or another tool's hook that was installed
/// first) run the frame, and records the exit and its kind. After a code
/// object's first sighting this allocates nothing, locks nothing, retains
/// nothing and calls no Python API.
enum Hook {
    /// The session the hook records for; 0 when not recording (before start,
    /// after stop, in a forked child). Checked on every entry and exit.
    nonisolated(unsafe) static var activeSession: UInt64 = 0
    /// The evaluator that was installed before pyframe; frames are run by it.
    nonisolated(unsafe) static var previous: pf_eval_func = pf_eval_default
    nonisolated(unsafe) private static var installed = false

    /// The deepest frame the filtered hook records.
    nonisolated(unsafe) static var maxDepth = Int.max
    /// The hook function installed (plain, or filtered when filters are set).
    nonisolated(unsafe) private static var hook: pf_eval_func = evalFrame

    /// Installs the hook (GIL held), chaining to whatever evaluator is current.
    /// With a depth limit, a variant that counts depth is installed, so that
    /// other recordings pay nothing for it.
    static func install(session: UInt64, filter: RecordFilter) {
        let current = pf_get_eval_func()
        if !installed {
            previous = current ?? pf_eval_default
            hook = filter.filtersDepth ? evalFrameFiltered : evalFrame
            maxDepth = filter.maxDepth ?? Int.max
            pf_set_eval_func(hook)
            installed = true
        }
        activeSession = session
    }

    /// Stops recording and gives the interpreter back its previous evaluator.
    static func uninstall() {
        activeSession = 0
        guard installed else { return }
        // If another tool installed its hook over ours, it still calls us:
        // we stay in its chain as a pass-through rather than cut it off.
        if same(pf_get_eval_func(), hook) {
            pf_set_eval_func(same(previous, pf_eval_default) ? nil : previous)
            installed = false
        }
    }

    /// Whether two evaluator pointers are the same function.
    private static func same(_ a: pf_eval_func?, _ b: pf_eval_func) -> Bool {
        guard let a else { return false }
        return unsafeBitCast(a, to: UnsafeRawPointer.self) == unsafeBitCast(b, to: UnsafeRawPointer.self)
    }

    /// Stops recording without touching the interpreter (forked child).
    static func disable() { activeSession = 0 }

    /// Records an entry or exit of a frame the interpreter ran without the
    /// hook (``InlineInitFrames``), with the hook's filters and depth rule.
    static func appendUnhookedEvent(frame: UnsafeMutablePointer<_PyInterpreterFrame>,
                               code: UnsafeMutablePointer<PyCodeObject>, kind: EventKind, session: UInt64) {
        let id = codeId(code)
        let c = ThreadRegistry.cursor(session: session, frame: frame)
        var recorded = id & RecordFilter.excludedMarker == 0
        if same(hook, evalFrameFiltered) {
            if kind == .call { c.pointee.depth &+= 1 }
            recorded = recorded && c.pointee.depth <= maxDepth
            if kind != .call { c.pointee.depth &-= 1 }
        }
        if recorded { appendEvent(c, kind, id, pf_ticks()) }
    }
}

/// The code object's id from its co_extra slot (two loads) or, from 3.14,
/// from CodeIdTable; else its first sighting.
@inline(__always)
private func codeId(_ code: UnsafeMutablePointer<PyCodeObject>) -> UInt32 {
    let id = PF_CODE_IDS_IN_TABLE != 0
        ? CodeIdTable.id(UInt(bitPattern: code))
        : UInt32(truncatingIfNeeded: pf_code_extra_get(code, CodeRegistry.extraIndex))
    return _fastPath(id != 0) ? id : CodeRegistry.firstSighting(code)
}

/// A frame owned by a generator or coroutine is resuming (the call that
/// creates one runs its frame while the thread still owns it); every other
/// entry is a call.
@inline(__always)
private func entryKind(_ isGenerator: Bool) -> EventKind {
    isGenerator ? .resume : .call
}

/// How a frame was left: no result is an exception unwinding; a generator
/// frame left suspended yielded (or awaited); anything else returned.
@inline(__always)
private func exitKind(_ result: UnsafeMutablePointer<PyObject>?, _ isGenerator: Bool,
                      _ frame: UnsafeMutablePointer<_PyInterpreterFrame>) -> EventKind {
    if result == nil { return .unwind }
    return isGenerator && pf_generator_suspended(frame) != 0 ? .yield : .return
}

/// The thread's C stack is nearly used up: the frame starts by raising
/// RecursionError (evaluated with the exception pending, as a generator's
/// `throw` is), which the program can catch, instead of the thread
/// overflowing its stack.
@inline(never)
private func stackExhausted(_ tstate: UnsafeMutablePointer<PyThreadState>?,
                            _ frame: UnsafeMutablePointer<_PyInterpreterFrame>) -> UnsafeMutablePointer<PyObject>? {
    PyErr_SetString(PyExc_RecursionError, "maximum recursion depth exceeded (this thread's C stack is nearly full)")
    return pf_eval_call(Hook.previous, tstate, frame, 1)
}

/// The hook: `evaluate` as it runs for every frame of an unfiltered recording.
private let evalFrame: pf_eval_func = { tstate, frame, throwflag in
    evaluate(tstate, frame, throwflag, countingDepth: false)
}

/// The hook when a maximum depth is set: it also counts the thread's frames,
/// and frames deeper than the maximum are run without being recorded.
private let evalFrameFiltered: pf_eval_func = { tstate, frame, throwflag in
    evaluate(tstate, frame, throwflag, countingDepth: true)
}

/// One frame evaluation, recorded. Inlined into both hooks with
/// `countingDepth` a constant, so the plain hook carries none of the depth
/// bookkeeping.
@inline(__always)
private func evaluate(_ tstate: UnsafeMutablePointer<PyThreadState>?,
                      _ frame: UnsafeMutablePointer<_PyInterpreterFrame>?, _ throwflag: Int32,
                      countingDepth: Bool) -> UnsafeMutablePointer<PyObject>? {
    let session = Hook.activeSession
    guard _fastPath(session != 0), let frame else {
        return pf_eval_call(Hook.previous, tstate, frame, throwflag)
    }
    let code = pf_frame_code(frame)!
    let id = codeId(code)
    let excluded = id & RecordFilter.excludedMarker != 0
    if !countingDepth && _slowPath(excluded) {
        return pf_eval_call(Hook.previous, tstate, frame, throwflag)
    }
    let c = ThreadRegistry.cursor(session: session, frame: frame)
    if PF_CHECK_C_STACK != 0 && _slowPath(pf_stack_address() < c.pointee.stackFloor) {
        return stackExhausted(tstate, frame)
    }
    var depth = 0
    if countingDepth {
        depth = c.pointee.depth &+ 1
        c.pointee.depth = depth
    }
    let recorded = !countingDepth || (!excluded && depth <= Hook.maxDepth)
    let isGenerator = pf_frame_is_generator(frame) != 0
    if recorded { appendEvent(c, entryKind(isGenerator), id, pf_ticks()) }

    let result = pf_eval_call(Hook.previous, tstate, frame, throwflag)

    let ticks = pf_ticks()
    if countingDepth { c.pointee.depth = depth &- 1 }
    if recorded && _fastPath(c.pointee.session == Hook.activeSession) {
        appendEvent(c, exitKind(result, isGenerator, frame), id, ticks)
    }
    return result
}
