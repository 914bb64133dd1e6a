import Foundation
import TraceFormat

/// Running the built `pyframe`, Python and other commands from tests.
enum Tooling {
    /// The folder with the built `pyframe` and its `recorders/`: the test
    /// executable's own folder.
    static let buildDirectory: URL = {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: exe).deletingLastPathComponent()
    }()

    static var pyframe: String { buildDirectory.appendingPathComponent("pyframe").path }

    /// Tests/RecorderTests/Fixtures.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    /// What a finished command printed and how it ended.
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `arguments` (searched on PATH) to completion.
    static func run(_ arguments: [String], environment: [String: String] = [:],
                    currentDirectory: String? = nil) throws -> Outcome {
        let process = Process()
        // The test runner's threads block signals, and children inherit the
        // mask; start commands the way a shell would, with nothing blocked.
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.unblockAndExec] + arguments
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        // Output goes to files, so that neither stream can fill a pipe and block.
        let outPath = NSTemporaryDirectory() + "pyframe-out-\(UUID().uuidString)"
        let errPath = outPath + ".err"
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
        defer {
            try? FileManager.default.removeItem(atPath: outPath)
            try? FileManager.default.removeItem(atPath: errPath)
        }
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let outData = (try? Data(contentsOf: URL(fileURLWithPath: outPath))) ?? Data()
        let errData = (try? Data(contentsOf: URL(fileURLWithPath: errPath))) ?? Data()
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus
                                                                   : process.terminationStatus
        return Outcome(status: status, stdout: String(decoding: outData, as: UTF8.self),
                       stderr: String(decoding: errData, as: UTF8.self))
    }

    static let unblockAndExec =
        "import os, signal, sys; signal.pthread_sigmask(signal.SIG_SETMASK, []); os.execvp(sys.argv[1], sys.argv[1:])"

    /// A new path for a trace in the temporary folder.
    static func temporaryTrace(_ name: String) -> String {
        NSTemporaryDirectory() + "pyframe-rec-\(name)-\(UUID().uuidString).lz4"
    }

    /// Records `script` run by `python` with `pyframe record` and returns the trace path.
    static func record(_ script: String, python: String = "python3", options: [String] = [],
                       arguments: [String] = []) throws -> (String, Outcome) {
        let trace = temporaryTrace(URL(fileURLWithPath: script).deletingPathExtension().lastPathComponent)
        let outcome = try run([pyframe, "record", "-o", trace] + options + ["--", python, script] + arguments)
        return (trace, outcome)
    }
}
