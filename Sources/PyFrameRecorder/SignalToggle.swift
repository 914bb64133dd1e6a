import PyFrameShim
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// `pyframe record --signal`: SIGUSR2 pauses and resumes recording of a
/// running program, from outside, without restarting it.
///
/// Recording starts paused. A resume starts a new session: each thread then
/// records into a new stream, and frames entered before it are never seen
/// leaving, so every stream stays well nested. A pause stops the session;
/// the writer gives each of its streams an end time, where analyzers close
/// the frames still open in it. A program that installs its own SIGUSR2
/// handler replaces pyframe's.
enum SignalToggle {
    /// The session the last pause stopped, and when (ticks).
    static let pausedSession = Atomic<UInt64>(0)
    static let pausedTicks = Atomic<UInt64>(0)

    /// Installs the SIGUSR2 handler.
    static func install() {
        pausedSession.store(0, ordering: .relaxed)
        var action = sigaction()
        action.__sigaction_handler.sa_handler = toggleHandler
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        sigaction(SIGUSR2, &action, nil)
    }
}

/// The signal handler: atomics and plain stores only.
private func toggleHandler(_ sig: Int32) {
    let active = Hook.activeSession
    if active != 0 {
        SignalToggle.pausedTicks.store(pf_ticks(), ordering: .relaxed)
        SignalToggle.pausedSession.store(active, ordering: .releasing)
        Hook.activeSession = 0
    } else if Recorder.current != nil {
        Hook.activeSession = Recorder.sessions.wrappingAdd(1, ordering: .relaxed).newValue
    }
}
