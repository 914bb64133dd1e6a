import ArgumentParser
import FoundationEssentials
import Glibc
import PyFrameLauncher
import TraceFormat

/// What `pyframe record`'s command line asked for, however it was parsed
/// (``QuickRecordParser`` or ``RecordCommand``), and the run itself.
struct RecordArguments: Equatable {
    var output: String?
    var force = false
    var ring: String?
    var include: [String] = []
    var exclude: [String] = []
    var maxDepth: Int?
    var noFollow = false
    var signal = false
    var cCalls = false
    var null = false
    /// The command to run, without the `--` that may come before it.
    var command: [String] = []

    /// Runs the command under the recorder; ends by throwing `ExitCode`
    /// with the program's status (or dies of its signal).
    func run() throws {
        guard !command.isEmpty else {
            throw ValidationError("no command given: pyframe record [-o trace.lz4] -- python3 script.py")
        }
        let destination = try outputPath()
        var settings = RecordingSettings()
        settings.recordsNothing = null
        settings.togglesOnSignal = signal
        for glob in include + exclude where !RecordingSettings.canCarry(glob) {
            throw ValidationError("--include and --exclude take a glob without line breaks (got '\(glob)')")
        }
        settings.include = include
        settings.exclude = exclude
        settings.cCalls = cCalls
        if let maxDepth {
            guard maxDepth > 0 else { throw ValidationError("--max-depth takes a depth of at least 1") }
            settings.maxDepth = maxDepth
        }
        if let ring {
            guard let bytes = ByteSize.parse(ring), bytes >= ByteSize.minimumRing else {
                throw ValidationError("--ring takes a size of at least 64K, such as 64M or 1G (got '\(ring)')")
            }
            settings.ringBytes = bytes
        }
        let request = LaunchRequest(command: command, output: destination,
                                    recorderDirectory: Launcher.defaultRecorderDirectory(), settings: settings,
                                    follow: !noFollow)
        let outcome: LaunchOutcome
        do {
            outcome = try Launcher.run(request)
        } catch {
            if case .cannotRun = error {
                warn(error.description)
                throw ExitCode(127)
            }
            throw error
        }
        let (status, traces) = (outcome.status, outcome.traces)
        if traces.isEmpty && !outcome.refused {
            warn("no trace was written: `\(command.joined(separator: " "))` ran no Python that pyframe records (CPython 3.11 to 3.15)")
        }
        // The first process's trace in full; child processes' traces (forks,
        // subprocesses, pool workers) in one line when there are many.
        for trace in traces.prefix(traces.count > 4 ? 1 : traces.count) {
            warn(TraceSummary.line(for: trace, peakRSSKiB: outcome.peakRSSKiB))
        }
        if traces.count > 4, let first = traces.first {
            let folder = URL(fileURLWithPath: first).deletingLastPathComponent().path
            warn("and \(traces.count - 1) traces of child processes beside it; all together: pyframe report \(folder)")
        }
        switch status {
        case let .exited(code):
            throw ExitCode(code)
        case let .signaled(sig):
            // Die the same way, so the shell sees what it would have seen.
            Glibc.signal(sig, SIG_DFL)
            kill(getpid(), sig)
            throw ExitCode(128 + sig)
        }
    }

    /// The path given to the recorded process: a file, or the current
    /// directory (ending in `/`) where it names its own file.
    private func outputPath() throws -> String {
        guard let output else {
            let cwd = AbsolutePath.currentDirectory() ?? FileManager.default.currentDirectoryPath
            try probe(directory: cwd, "cannot write a trace in the current directory \(cwd)")
            return cwd + "/"
        }
        let path = AbsolutePath.of(output)
        // lstat, not stat: a symbolic link (even a dangling one) at the path
        // counts as existing and is never followed.
        var info = stat()
        if lstat(path, &info) == 0 {
            if info.st_mode & S_IFMT == S_IFDIR {
                try probe(directory: path, "cannot write a trace in \(output)")
                return path.hasSuffix("/") ? path : path + "/"
            }
            let what = info.st_mode & S_IFMT == S_IFLNK ? " (a symbolic link)" : ""
            guard force else { throw CLIError("\(output) exists\(what); use --force to replace it") }
            guard unlink(path) == 0 else {
                throw CLIError("cannot remove \(output): \(Errno.current)")
            }
        }
        // Created and removed again here, so that a trace that cannot be
        // written is said before the program runs, not after it ran untraced.
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw CLIError("cannot write \(output): \(Errno.current)") }
        close(fd)
        unlink(path)
        return path
    }

    /// Fails with `message` unless a file can be created in `directory`.
    private func probe(directory: String, _ message: String) throws {
        var template = Array((directory + "/.pyframe-probe-XXXXXX").utf8CString)
        let fd = mkstemp(&template)
        guard fd >= 0 else { throw CLIError("\(message): \(Errno.current)") }
        close(fd)
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    }
}
