import Foundation
import Testing

/// Runs the built `pyframe` command, found next to the test executable (the
/// scratch path's debug or release folder), on Python fixtures written at
/// run time.
enum PyFrameTool {
    /// The `pyframe` binary, or nil (with an issue recorded) when it was not built.
    static func binary() -> String? {
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["PYFRAME_BIN"] { candidates.append(env) }
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
            // The test bundle may be a directory (…/X.xctest/…): walk up to the build folder.
            for _ in 0..<4 {
                candidates.append(dir.appendingPathComponent("pyframe").path)
                dir = dir.deletingLastPathComponent()
            }
        }
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) { return found }
        Issue.record("pyframe binary not found next to the tests (looked in \(candidates)); run `swift build` first")
        return nil
    }

    /// A CPython 3.11 interpreter, the only version the recorder supports.
    static let python: String? = {
        for candidate in ["python3.11", "python3"] {
            let result = run("/usr/bin/env", [candidate, "-c", "import sys; print(sys.version_info[:2] == (3, 11))"])
            if result.status == 0 && result.stdout.hasPrefix("True") { return candidate }
        }
        return nil
    }()

    /// The outcome of a command.
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `executable` with `arguments` and extra `environment`, collecting its output.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                    directory: String? = nil) -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        // Files, not pipes: large outputs cannot fill a pipe and stall the child.
        let outPath = temporaryPath("out.txt")
        let errPath = outPath + ".err"
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let out = FileHandle(forWritingAtPath: outPath)!
        let err = FileHandle(forWritingAtPath: errPath)!
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
            process.waitUntilExit()
        } catch {
            return Result(status: -1, stdout: "", stderr: "\(error)")
        }
        try? out.close()
        try? err.close()
        let stdout = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        return Result(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }

    /// Runs `pyframe` with `arguments`.
    static func pyframe(_ arguments: [String], environment: [String: String] = [:]) -> Result? {
        guard let binary = binary() else { return nil }
        return run(binary, arguments, environment: environment)
    }

    /// Records `script` (Python source written to a temporary file) into a
    /// new trace and returns the trace's path.
    static func record(_ script: String, name: String = "fixture.py", options: [String] = [], arguments: [String] = [],
                       environment: [String: String] = [:]) -> String? {
        guard let python else {
            Issue.record("no CPython 3.11 found (python3.11 or python3)")
            return nil
        }
        let dir = temporaryPath("fixture")
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let scriptPath = dir + "/" + name
        try? script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
        let trace = temporaryPath("recorded.lz4")
        guard let binary = binary() else { return nil }
        let result = run(binary, ["record", "-o", trace] + options + ["--", python, scriptPath] + arguments,
                         environment: environment, directory: dir)
        guard result.status == 0, FileManager.default.fileExists(atPath: trace) else {
            Issue.record("pyframe record failed (\(result.status)): \(result.stderr)")
            return nil
        }
        return trace
    }
}
