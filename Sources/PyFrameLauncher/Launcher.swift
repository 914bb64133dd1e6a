import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TraceFormat

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
    /// Whether a Python that pyframe does not record refused to run (it
    /// said why in one line).
    public var refused: Bool
}

/// What ``Launcher`` needs to run a command under the recorder.
public struct LaunchRequest: Sendable {
    /// The command and its arguments, as the user gave them after `--`.
    public var command: [String]
    /// The trace path, or a directory (ending in `/`) in which the recorded
    /// process names its own file after the program and its pid.
    public var output: String
    /// The folder of recorder extensions, one per CPython version (see
    /// ``Launcher/defaultRecorderDirectory()``).
    public var recorderDirectory: String
    /// Settings passed to the recorder and kept in the trace.
    public var settings: RecordingSettings
    /// Whether Python processes the command starts (subprocesses, forks,
    /// multiprocessing workers) are recorded too, each into its own trace.
    public var follow: Bool

    /// Creates a request.
    public init(command: [String], output: String, recorderDirectory: String,
                settings: RecordingSettings = RecordingSettings(), follow: Bool = true) {
        self.command = command
        self.output = output
        self.recorderDirectory = recorderDirectory
        self.settings = settings
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

    /// The recorder extensions' folder: `recorders/` next to the running
    /// `pyframe` binary, or where PYFRAME_RECORDERS points. It holds one
    /// extension per CPython version, each named with that version's
    /// extension suffix (`_pyframe.cpython-312-x86_64-linux-gnu.so`), so the
    /// traced interpreter — whichever a venv, shebang or child process turns
    /// out to run — loads the one built against its own headers.
    ///
    /// Installed from a wheel, the binary is the environment's `bin/pyframe`
    /// and the recorder sits in the `pyframe` package beside the Python API
    /// (`lib/python3.X/site-packages/pyframe/`), which is used when there is
    /// no `recorders/` folder.
    public static func defaultRecorderDirectory() -> String {
        if let path = ChildEnvironment.inherited("PYFRAME_RECORDERS") { return path }
        let bin = parent(of: executablePath() ?? CommandLine.arguments[0])
        let beside = bin + "/recorders"
        if !recorders(in: beside).isEmpty { return beside }
        return installedPackageDirectory(environment: parent(of: bin)) ?? beside
    }

    /// `ENV/lib/python3.X/{site,dist}-packages/pyframe` when it holds a recorder.
    static func installedPackageDirectory(environment: String) -> String? {
        let lib = environment + "/lib"
        let versions = entries(of: lib).filter { $0.hasPrefix("python3.") }.sorted()
        for version in versions {
            for packages in ["site-packages", "dist-packages"] {
                let folder = "\(lib)/\(version)/\(packages)/\(PythonPackageSource.name)"
                if !recorders(in: folder).isEmpty { return folder }
            }
        }
        return nil
    }

    /// The recorder extensions in `directory`, by file name.
    public static func recorders(in directory: String) -> [String] {
        entries(of: directory).filter { $0.hasPrefix("_pyframe.") && $0.hasSuffix(".so") }.sorted()
    }

    /// The names in a directory (none if it cannot be read), with readdir:
    /// FileManager's listing and URL's path handling cost `record` a
    /// tenth of a millisecond before the program starts.
    static func entries(of directory: String) -> [String] {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// This program's file, links resolved.
    private static func executablePath() -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        return count > 0 ? String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self) : nil
    }

    /// The folder holding `path` ("." for a bare name).
    private static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Runs the command to completion.
    ///
    /// - Returns: how it ended, the traces written, its peak memory.
    public static func run(_ request: LaunchRequest) throws(LaunchError) -> LaunchOutcome {
        // `pyframe record` refuses an empty command before it gets here.
        precondition(!request.command.isEmpty, "no command to run")
        guard !recorders(in: request.recorderDirectory).isEmpty else {
            throw .noRecorder(request.recorderDirectory)
        }
        var env = ChildEnvironment()
        // This run's own folder holds the report of traces written, and the
        // bootstrap too when the cached one cannot be used.
        // FileManager's temporary folder is /tmp where TMPDIR is unset; its
        // URL's path cost 0.25 M instructions before the program started.
        let temp = ChildEnvironment.inherited("TMPDIR") == nil ? "/tmp" : FileManager.default.temporaryDirectory.path
        let runDir = try BootstrapFolder.makeTemporary(in: temp, template: "pyframe-XXXXXX")
        defer { try? FileManager.default.removeItem(atPath: runDir) }
        let reportPath = runDir + "/traces.txt"
        let dir: String
        if let cached = BootstrapFolder.cached(root: BootstrapFolder.cacheRoot(ChildEnvironment.inherited)) {
            dir = cached
        } else {
            dir = try BootstrapFolder.write(in: runDir, template: "pyframe-XXXXXX")
        }

        let originalPath = ChildEnvironment.inherited("PYTHONPATH")
        env.set("PYTHONPATH", originalPath.map { $0.isEmpty ? dir : dir + ":" + $0 } ?? dir)
        // Unset when the user had no PYTHONPATH, so that the bootstrap can
        // give the program exactly that: no PYTHONPATH at all.
        env.set(BootstrapSource.Variable.originalPath, originalPath)
        env.set(BootstrapSource.Variable.bootstrapDir, dir)
        env.set(BootstrapSource.Variable.output, request.output)
        env.set(BootstrapSource.Variable.recorders, request.recorderDirectory)
        env.set(BootstrapSource.Variable.report, reportPath)
        env.set(BootstrapSource.Variable.follow, request.follow ? "1" : "0")
        var settings = request.settings
        // The traced program runs with a raised stack limit (for its main
        // thread), from which glibc would size every new thread's stack;
        // the recorder gives threads back the size they have untraced, which
        // glibc worked out for pyframe itself from the user's limit.
        if let size = defaultThreadStackSize() { settings.threadStackSize = size }
        env.set(BootstrapSource.Variable.options, settings.text)

        // With --signal, a SIGUSR2 that arrives before the program's recorder
        // has installed its handler would kill the program: it waits for
        // the recorder's first trace to be reported.
        let (status, peak) = try spawnAndWait(request.command, environment: env,
                                              toggleAfter: settings.togglesOnSignal ? reportPath : nil)
        let lines = ((try? String(contentsOfFile: reportPath, encoding: .utf8)) ?? "")
            .split(separator: "\n").map(String.init)
        return LaunchOutcome(status: status, traces: lines.filter { !$0.hasPrefix("!") },
                             peakRSSKiB: peak, refused: lines.contains("!refused"))
    }

    /// glibc's default stack size for new threads in this process, which it
    /// derives from RLIMIT_STACK at start-up (`pthread_getattr_default_np`,
    /// a GNU extension that Swift's Glibc module leaves out).
    private static func defaultThreadStackSize() -> Int? {
        typealias GetDefault = @convention(c) (UnsafeMutablePointer<pthread_attr_t>) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "pthread_getattr_default_np") else { return nil }
        var attr = pthread_attr_t()
        guard unsafeBitCast(symbol, to: GetDefault.self)(&attr) == 0 else { return nil }
        defer { pthread_attr_destroy(&attr) }
        var size = 0
        return pthread_attr_getstacksize(&attr, &size) == 0 && size > 0 ? size : nil
    }

    private static func spawnAndWait(_ command: [String], environment: ChildEnvironment,
                                     toggleAfter readyFile: String?) throws(LaunchError) -> (ChildStatus, Int) {
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
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = environment.withEntries { envp in posix_spawnp(&pid, command[0], nil, nil, argv, envp) }
        guard rc == 0 else { throw .cannotRun(command[0], "\(Errno(rc))") }
        SignalForwarding.begin(child: pid, toggleAfter: readyFile)
        defer { SignalForwarding.end() }

        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw .io("wait4: \(Errno.current)") }
        }
        // WIFEXITED / WTERMSIG are macros; these are their definitions.
        let signal = status & 0x7F
        return (signal == 0 ? .exited((status >> 8) & 0xFF) : .signaled(signal), usage.ru_maxrss)
    }
}

/// Why a command could not be run.
public enum LaunchError: Error, CustomStringConvertible {
    case noRecorder(String)
    case cannotRun(String, String)
    case io(String)

    /// One line for the user.
    public var description: String {
        switch self {
        case let .noRecorder(path): "no recorder extensions in \(path) (build them with Tools/build-recorders.sh, or set PYFRAME_RECORDERS)"
        case let .cannotRun(command, reason): "cannot run \(command): \(reason)"
        case let .io(detail): detail
        }
    }
}
