import Foundation

/// What a finished program left: how it ended and what it printed.
public struct ProcessOutcome: Sendable {
    /// The exit status, or 128 + the signal that ended it (as a shell says).
    public var status: Int32
    /// stdout as bytes (for binary outputs such as pprof).
    public var output: Data
    /// stderr as text.
    public var stderr: String

    public init(status: Int32, output: Data, stderr: String) {
        self.status = status
        self.output = output
        self.stderr = stderr
    }

    /// stdout as text.
    public var stdout: String { String(decoding: output, as: UTF8.self) }
}

/// The one way the tests run a program (the built `pyframe`, an interpreter,
/// a validating reader) and find the built `pyframe`.
public enum ProcessRunner {
    /// The folder of the built `pyframe` and its `recorders/`: `$PYFRAME_BIN`'s
    /// folder when set, else the first folder at or above the test
    /// executable's (the test bundle may be a directory) that holds `pyframe`.
    public static let buildDirectory: URL = {
        var candidates: [URL] = []
        if let bin = ProcessInfo.processInfo.environment["PYFRAME_BIN"], !bin.isEmpty {
            candidates.append(URL(fileURLWithPath: bin).deletingLastPathComponent())
        }
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(dir)
            dir = dir.deletingLastPathComponent()
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.appendingPathComponent("pyframe").path) }
            ?? candidates[candidates.count - 4]
    }()

    /// The built `pyframe` (it may not exist: see ``pyframeIsBuilt``).
    public static var pyframe: String { buildDirectory.appendingPathComponent("pyframe").path }

    /// Whether `swift build` made the `pyframe` the tests run.
    public static var pyframeIsBuilt: Bool { FileManager.default.isExecutableFile(atPath: pyframe) }

    /// Runs `command` (its first word searched on PATH, as a shell would) to
    /// completion in `directory`, with `environment` added to this process's
    /// and `stdin` (a file) as input.
    ///
    /// The command starts as a shell would start it, with no signal blocked:
    /// the test runner's threads block some, and children inherit the mask,
    /// which would keep signals the tests send (SIGUSR2, SIGINT) from
    /// arriving. Output goes to files, so that neither stream can fill a pipe
    /// and stall the child.
    public static func run(_ command: [String], environment: [String: String] = [:],
                           directory: String? = nil, stdin: String? = nil) throws -> ProcessOutcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", unblockAndExec] + command
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let outPath = NSTemporaryDirectory() + "pyframe-out-\(UUID().uuidString)"
        let errPath = outPath + ".err"
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
        defer {
            try? FileManager.default.removeItem(atPath: outPath)
            try? FileManager.default.removeItem(atPath: errPath)
        }
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        process.standardOutput = out
        process.standardError = err
        process.standardInput = try stdin.map { try FileHandle(forReadingFrom: URL(fileURLWithPath: $0)) }
            ?? FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try? out.close()
        try? err.close()
        let output = (try? Data(contentsOf: URL(fileURLWithPath: outPath))) ?? Data()
        let errors = (try? Data(contentsOf: URL(fileURLWithPath: errPath))) ?? Data()
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus
                                                                   : process.terminationStatus
        return ProcessOutcome(status: status, output: output, stderr: String(decoding: errors, as: UTF8.self))
    }

    /// Unblocks every signal, then becomes the command (searched on PATH).
    static let unblockAndExec =
        "import os, signal, sys; signal.pthread_sigmask(signal.SIG_SETMASK, []); os.execvp(sys.argv[1], sys.argv[1:])"
}
