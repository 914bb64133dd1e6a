#if canImport(Glibc)
import Glibc
#endif

/// While a traced command runs, pyframe stays out of its way: terminal
/// signals (Ctrl-C, Ctrl-\) reach the command directly through the process
/// group, so pyframe ignores them and waits for the command's own outcome;
/// SIGTERM, SIGHUP, SIGUSR1 and SIGUSR2 sent to pyframe are passed on to the
/// command (`--signal`'s SIGUSR2 can go to either).
enum SignalForwarding {
    nonisolated(unsafe) static var child: pid_t = 0
    static let ignored: [Int32] = [SIGINT, SIGQUIT]
    static let forwarded: [Int32] = [SIGTERM, SIGHUP, SIGUSR1, SIGUSR2]

    static func begin(child pid: pid_t) {
        child = pid
        for sig in ignored { signal(sig, SIG_IGN) }
        for sig in forwarded {
            signal(sig) { received in
                if SignalForwarding.child > 0 { kill(SignalForwarding.child, received) }
            }
        }
    }

    static func end() {
        child = 0
        for sig in ignored + forwarded { signal(sig, SIG_DFL) }
    }
}
