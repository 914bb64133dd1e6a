import PyFrameShim

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

    /// Installs the hook (GIL held), chaining to whatever evaluator is current.
    static func install(session: UInt64) {
        let current = pf_get_eval_func()
        if !installed {
            previous = current ?? pf_eval_default
            pf_set_eval_func(evalFrame)
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
        if same(pf_get_eval_func(), evalFrame) {
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
}

/// The hook itself.
private let evalFrame: pf_eval_func = { tstate, frame, throwflag in
    let session = Hook.activeSession
    guard _fastPath(session != 0), let frame else {
        return pf_eval_call(Hook.previous, tstate, frame, throwflag)
    }
    let code = pf_frame_code(frame)!
    var id = UInt32(truncatingIfNeeded: pf_code_extra_get(code, CodeRegistry.extraIndex))
    if _slowPath(id == 0) { id = CodeRegistry.firstSighting(code) }
    var cursor = pf_tls_get()?.assumingMemoryBound(to: ProducerCursor.self)
    if _slowPath(cursor == nil || cursor.unsafelyUnwrapped.pointee.session != session) {
        cursor = ThreadRegistry.attach(session: session)
    }
    let c = cursor.unsafelyUnwrapped
    let isGenerator = pf_frame_is_generator(frame) != 0
    let entry: EventKindCode = isGenerator && pf_frame_is_fresh(frame) == 0 ? .resume : .call
    record(c, entry, id, pf_ticks())

    let result = pf_eval_call(Hook.previous, tstate, frame, throwflag)

    let ticks = pf_ticks()
    if _fastPath(c.pointee.session == Hook.activeSession) {
        let exit: EventKindCode
        if result == nil {
            exit = .unwind
        } else if isGenerator && pf_frame_suspended(frame) != 0 {
            exit = .yield
        } else {
            exit = .return
        }
        record(c, exit, id, ticks)
    }
    return result
}
