import Foundation
import PyFrameTestSupport
import Testing

/// Runs the built `pyframe` command (found by ``ProcessRunner``) on Python
/// fixtures written at run time.
enum PyFrameTool {
    /// The `pyframe` binary, or nil (with an issue recorded) when it was not built.
    static func binary() -> String? {
        if ProcessRunner.pyframeIsBuilt { return ProcessRunner.pyframe }
        Issue.record("pyframe binary not found at \(ProcessRunner.pyframe); run `swift build` first")
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

    /// Runs `executable` with `arguments` and extra `environment` (``ProcessRunner``);
    /// a program that cannot be started ends with status -1 and the reason.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                    directory: String? = nil) -> ProcessOutcome {
        do {
            return try ProcessRunner.run([executable] + arguments, environment: environment, directory: directory)
        } catch {
            return ProcessOutcome(status: -1, output: Data(), stderr: "\(error)")
        }
    }

    /// Runs `pyframe` with `arguments`.
    static func pyframe(_ arguments: [String], environment: [String: String] = [:]) -> ProcessOutcome? {
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
