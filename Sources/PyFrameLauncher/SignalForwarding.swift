#if canImport(Glibc)
import Glibc
#endif

/// While a traced command runs, pyframe stays out of its way and passes on
/// what is meant for the command. SIGTERM, SIGHUP, SIGUSR1 and SIGUSR2 sent
/// to pyframe go to the command (`--signal`'s SIGUSR2 can go to either).
/// SIGINT and SIGQUIT from a terminal (Ctrl-C, Ctrl-\) already reach the
/// command through the process group, so pyframe passes them on only when
/// someone sent them to pyframe's pid with kill(), as a terminal would have
/// delivered them to the command.
enum SignalForwarding {
    nonisolated(unsafe) static var child: pid_t = 0
    /// With `--signal`: a file that is empty until the program's recorder
    /// runs (and handles SIGUSR2); a SIGUSR2 before then is dropped rather
    /// than passed on to kill the program.
    nonisolated(unsafe) static var readyFile: UnsafeMutablePointer<CChar>?
    static let fromTerminal: [Int32] = [SIGINT, SIGQUIT]
    static let forwarded: [Int32] = [SIGTERM, SIGHUP, SIGUSR1, SIGUSR2]

    static func begin(child pid: pid_t, toggleAfter ready: String? = nil) {
        child = pid
        readyFile = ready.map { strdup($0) }
        for sig in forwarded {
            signal(sig) { received in
                guard SignalForwarding.child > 0 else { return }
                if received == SIGUSR2, let ready = SignalForwarding.readyFile {
                    var info = stat()
                    guard stat(ready, &info) == 0, info.st_size > 0 else { return }
                }
                kill(SignalForwarding.child, received)
            }
        }
        for sig in fromTerminal {
            var action = sigaction()
            action.__sigaction_handler.sa_sigaction = { received, info, _ in
                // A terminal's signal comes from the kernel (SI_KERNEL > 0);
                // kill() and sigqueue() give SI_USER / SI_QUEUE (<= 0).
                guard let info, info.pointee.si_code <= 0, SignalForwarding.child > 0 else { return }
                kill(SignalForwarding.child, received)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_SIGINFO | SA_RESTART
            sigaction(sig, &action, nil)
        }
    }

    static func end() {
        child = 0
        free(readyFile)
        readyFile = nil
        for sig in fromTerminal + forwarded { signal(sig, SIG_DFL) }
    }
}
