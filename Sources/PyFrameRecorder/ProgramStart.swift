import PyFrameShim

/// `pyframe record` records the program, not Python's start-up around it.
///
/// The bootstrap starts the recorder from `sitecustomize`, while `site` is
/// still at work: what runs after it (the user's own sitecustomize and
/// usercustomize, their imports) is start-up that untraced Python runs too,
/// not the program. With `begin=main` the hook is installed paused, and a C
/// audit hook (PEP 578) resumes it at the interpreter's `cpython.run_*`
/// event, which CPython raises just before it runs the script, module,
/// command or stdin the user gave. After that the audit hook returns at
/// once on every event.
enum ProgramStart {
    /// The session to resume at the program's start, or 0.
    nonisolated(unsafe) static var pendingSession: UInt64 = 0
    nonisolated(unsafe) private static var hookAdded = false

    /// Resumes `session` when the program starts (GIL held). Without the
    /// audit hook (a Python audit hook refused it), recording resumes now.
    static func resumeAtProgramStart(session: UInt64) {
        pendingSession = session
        if !hookAdded {
            hookAdded = PySys_AddAuditHook(programStarts, nil) == 0
            if !hookAdded {
                PyErr_Clear()
                resume()
            }
        }
    }

    /// Starts recording the pending session, if it is still the recorder's.
    static func resume() {
        let session = pendingSession
        pendingSession = 0
        if session != 0, Recorder.current?.session == session {
            Hook.activeSession = session
        }
    }
}

/// The audit hook: one load and a compare on every audited event.
private let programStarts: Py_AuditHookFunction = { event, _, _ in
    if _slowPath(ProgramStart.pendingSession != 0), let event, strncmp(event, "cpython.run_", 12) == 0 {
        ProgramStart.resume()
    }
    return 0
}
