import Foundation
import PyFrameTestSupport
import TraceFormat

/// Running the built `pyframe`, Python and other commands from tests.
enum Tooling {
    /// The folder with the built `pyframe` and its `recorders/`.
    static var buildDirectory: URL { ProcessRunner.buildDirectory }

    static var pyframe: String { ProcessRunner.pyframe }

    /// Tests/RecorderTests/Fixtures.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    typealias Outcome = ProcessOutcome

    /// Runs `arguments` (searched on PATH) to completion (``ProcessRunner``).
    static func run(_ arguments: [String], environment: [String: String] = [:],
                    currentDirectory: String? = nil) throws -> Outcome {
        try ProcessRunner.run(arguments, environment: environment, directory: currentDirectory)
    }

    /// A new path for a trace in the temporary folder.
    static func temporaryTrace(_ name: String) -> String {
        NSTemporaryDirectory() + "pyframe-rec-\(name)-\(UUID().uuidString).lz4"
    }

    /// A new, empty folder in the temporary folder (the caller removes it).
    static func temporaryFolder(_ name: String) throws -> String {
        let path = NSTemporaryDirectory() + "pyframe-\(name)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Records `script` run by `python` with `pyframe record` and returns the trace path.
    static func record(_ script: String, python: String = "python3", options: [String] = [],
                       arguments: [String] = []) throws -> (String, Outcome) {
        let trace = temporaryTrace(URL(fileURLWithPath: script).deletingPathExtension().lastPathComponent)
        let outcome = try run([pyframe, "record", "-o", trace] + options + ["--", python, script] + arguments)
        return (trace, outcome)
    }
}
