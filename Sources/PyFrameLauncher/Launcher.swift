import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How the traced command ended.
public enum ChildStatus: Equatable, Sendable {
    case exited(Int32)
    case signaled(Int32)
}

/// What happened when a command ran under the recorder.
public struct LaunchOutcome: Sendable {
    /// How the command ended.
    public var status: ChildStatus
    /// The trace files its Python processes wrote.
    public var traces: [String]
    /// Peak resident memory of the command's largest process, in KiB.
    public var peakRSSKiB: Int
}

/// What ``Launcher`` needs to run a command under the recorder.
public struct LaunchRequest: Sendable {
    /// The command and its arguments, as the user gave them after `--`.
    public var command: [String]
    /// The trace path, or a directory (ending in `/`) in which the recorded
    /// process names its own file after the program and its pid.
    public var output: String
    /// The recorder extension (libPyFrameRecorder.so).
    public var recorderLibrary: String
    /// Settings passed to the recorder and kept in the trace.
    public var options: [String: String]
    /// Whether Python processes the command starts (subprocesses, forks,
    /// multiprocessing workers) are recorded too, each into its own trace.
    public var follow: Bool

    /// Creates a request.
    public init(command: [String], output: String, recorderLibrary: String,
                options: [String: String] = [:], follow: Bool = true) {
        self.command = command
        self.output = output
        self.recorderLibrary = recorderLibrary
        self.options = options
        self.follow = follow
    }
}

/// Runs a Python command with pyframe's recorder injected.
///
/// The command runs as the user would run it: same stdin, stdout, stderr,
/// argv, working directory and environment, apart from a bootstrap directory
/// put first on PYTHONPATH (which the bootstrap removes again before the
/// program starts) and a raised stack limit: with an eval-frame hook, each
/// Python call also uses C stack, so without it a deep recursion that works
/// untraced would crash traced. Ctrl-C reaches the command (same process
/// group); SIGTERM and SIGHUP sent to pyframe are passed on.
public enum Launcher {
    /// Stack limit given to the traced command, when the hard limit allows.
    public static let stackLimit: rlim_t = 1 << 30

    /// Finds the recorder library next to the running `pyframe` binary, or
    /// where PYFRAME_RECORDER_LIBRARY points.
    public static func defaultRecorderLibrary() -> String {
        if let path = ProcessInfo.processInfo.environment["PYFRAME_RECORDER_LIBRARY"] { return path }
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: exe).deletingLastPathComponent()
            .appendingPathComponent("libPyFrameRecorder.so").path
    }

    /// Runs the command to completion.
    ///
    /// - Returns: how it ended, the traces written, its peak memory.
    public static func run(_ request: LaunchRequest) throws(LaunchError) -> LaunchOutcome {
        guard !request.command.isEmpty else { throw .noCommand }
        guard FileManager.default.isReadableFile(atPath: request.recorderLibrary) else {
            throw .noRecorder(request.recorderLibrary)
        }
        let dir = try makeBootstrapDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let reportPath = dir + "/traces.txt"

        var env = ProcessInfo.processInfo.environment
        let originalPath = env["PYTHONPATH"]
        env["PYTHONPATH"] = [dir, originalPath].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ":")
        env[BootstrapSource.Variable.originalPath] = originalPath ?? "\0"
        env[BootstrapSource.Variable.bootstrapDir] = dir
        env[BootstrapSource.Variable.output] = request.output
        env[BootstrapSource.Variable.library] = request.recorderLibrary
        env[BootstrapSource.Variable.report] = reportPath
        env[BootstrapSource.Variable.follow] = request.follow ? "1" : "0"
        env[BootstrapSource.Variable.options] = request.options.sorted { $0.key < $1.key }
            .map { "\($0.key)=\($0.value)" }.joined(separator: "\n")

        let (status, peak) = try spawnAndWait(request.command, environment: env)
        let traces = ((try? String(contentsOfFile: reportPath, encoding: .utf8)) ?? "")
            .split(separator: "\n").map(String.init)
        return LaunchOutcome(status: status, traces: traces, peakRSSKiB: peak)
    }

    private static func makeBootstrapDirectory() throws(LaunchError) -> String {
        let temp = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("pyframe-XXXXXX").path
        var template = Array(temp.utf8CString)
        guard let made = mkdtemp(&template) else { throw .io("cannot create a temporary directory: \(String(cString: strerror(errno)))") }
        let dir = String(cString: made)
        let package = dir + "/" + PythonPackageSource.name
        try? FileManager.default.createDirectory(atPath: package, withIntermediateDirectories: false,
                                                 attributes: [.posixPermissions: 0o700])
        for (file, text) in [(dir + "/" + BootstrapSource.fileName, BootstrapSource.text),
                             (package + "/__init__.py", PythonPackageSource.initText)] {
            guard FileManager.default.createFile(atPath: file, contents: Data(text.utf8),
                                                 attributes: [.posixPermissions: 0o600]) else {
                throw .io("cannot write \(file)")
            }
        }
        return dir
    }

    private static func spawnAndWait(_ command: [String],
                                     environment: [String: String]) throws(LaunchError) -> (ChildStatus, Int) {
        // The child inherits the stack limit at exec; raise it around the spawn only.
        // RLIM_INFINITY is all ones.
        var saved = rlimit()
        getrlimit(Int32(RLIMIT_STACK.rawValue), &saved)
        var raised = saved
        if saved.rlim_cur != rlim_t.max && saved.rlim_cur < stackLimit {
            raised.rlim_cur = saved.rlim_max == rlim_t.max ? stackLimit : min(stackLimit, saved.rlim_max)
            setrlimit(Int32(RLIMIT_STACK.rawValue), &raised)
        }
        defer { setrlimit(Int32(RLIMIT_STACK.rawValue), &saved) }

        let argv = command.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, command[0], nil, nil, argv, envp)
        guard rc == 0 else { throw .cannotRun(command[0], String(cString: strerror(rc))) }
        SignalForwarding.begin(child: pid)
        defer { SignalForwarding.end() }

        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw .io("wait4: \(String(cString: strerror(errno)))") }
        }
        // WIFEXITED / WTERMSIG are macros; these are their definitions.
        let signal = status & 0x7F
        return (signal == 0 ? .exited((status >> 8) & 0xFF) : .signaled(signal), usage.ru_maxrss)
    }
}

/// Why a command could not be run.
public enum LaunchError: Error, CustomStringConvertible {
    case noCommand
    case noRecorder(String)
    case cannotRun(String, String)
    case io(String)

    /// One line for the user.
    public var description: String {
        switch self {
        case .noCommand: "no command given: pyframe record [options] -- python3 script.py"
        case let .noRecorder(path): "recorder library not found at \(path) (build pyframe with `swift build`, or set PYFRAME_RECORDER_LIBRARY)"
        case let .cannotRun(command, reason): "cannot run \(command): \(reason)"
        case let .io(detail): detail
        }
    }
}
