import ArgumentParser
import FoundationEssentials
import Glibc
import PyFrameLauncher
import TraceFormat

/// `pyframe record`: runs a Python command with the recorder injected.
struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Run a Python command (CPython 3.11 to 3.15) and record every frame entry and exit.",
        discussion: """
            The command runs unchanged (same stdin/stdout/stderr, argv, cwd, environment);
            pyframe exits with its exit status. Without -o, the trace is named after the
            program and its pid in the current directory, and never overwrites a file.
            Examples:
              pyframe record -o trace.lz4 -- python3 script.py arg1 arg2
              pyframe record -- python3 -m mypackage.cli --flag
              pyframe record -- .venv/bin/python -c 'import app; app.main()'
            """)

    @Option(name: .shortAndLong, help: ArgumentHelp("Trace file to write.", valueName: "path"))
    var output: String?

    @Flag(help: "Overwrite the output file if it exists.")
    var force = false

    @Option(help: ArgumentHelp(
        "Flight-recorder mode: keep only about the newest SIZE of events (e.g. 64M, 1G).",
        valueName: "size"))
    var ring: String?

    @Option(help: ArgumentHelp(
        "Record only code from files matching this glob (repeatable; `*` also matches `/`).",
        valueName: "glob"))
    var include: [String] = []

    @Option(help: ArgumentHelp(
        "Leave out code from files matching this glob (repeatable), e.g. '*/lib/python3.11/*'.",
        valueName: "glob"))
    var exclude: [String] = []

    @Option(help: ArgumentHelp("Record frames only down to this call depth.", valueName: "n"))
    var maxDepth: Int?

    @Flag(help: "Do not record the Python processes the command starts (by default each gets its own trace beside this one, named TRACE-STEM.PID.lz4).")
    var noFollow = false

    @Flag(help: "Start paused; SIGUSR2 sent to the program resumes recording, and pauses it again (kill -USR2 PID).")
    var signal = false

    @Flag(help: "Also record calls of C functions and methods (builtins, C extensions, method descriptors) as their own frames.")
    var cCalls = false

    @Flag(help: "Diagnostic: install the hook but record no events (the floor any eval-frame recorder pays).")
    var null = false

    @Argument(parsing: .captureForPassthrough,
              help: ArgumentHelp("The command to run, after `--`.", valueName: "command"))
    var command: [String] = []

    mutating func run() throws {
        if command.first == "--" { command.removeFirst() }
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

    /// Whether `arguments` (after `record`) ask for help: `--help` or `-h`
    /// among record's own options, before `--` or the command's first word.
    static func asksForHelp(_ arguments: ArraySlice<String>) -> Bool {
        // Record's options that take a value (keep in step with the @Options above).
        // (An array: a Set's generic metadata costs start-up more than six comparisons.)
        let taking = ["-o", "--output", "--ring", "--include", "--exclude", "--max-depth"]
        var skipValue = false
        for argument in arguments {
            if skipValue {
                skipValue = false
                continue
            }
            if argument == "--help" || argument == "-h" { return true }
            if argument == "--" || !argument.hasPrefix("-") { return false }
            skipValue = taking.contains(argument)
        }
        return false
    }

    /// The path given to the recorded process: a file, or the current
    /// directory (ending in `/`) where it names its own file.
    private func outputPath() throws -> String {
        guard let output else {
            let cwd = FileManager.default.currentDirectoryPath
            try probe(directory: cwd, "cannot write a trace in the current directory \(cwd)")
            return cwd + "/"
        }
        let url = URL(fileURLWithPath: output)
        let path = url.path
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
