import ArgumentParser
import TraceAnalysis

// The analysers' option enums, parsed straight from the command line.
extension ReportSort: ExpressibleByArgument {}
extension FlameWeight: ExpressibleByArgument {}

/// The traces an analysis command reads: files, or directories of traces
/// (one per process).
struct TraceArguments: ParsableArguments {
    @Argument(help: ArgumentHelp("Trace files or directories of traces.", valueName: "trace"))
    var traces: [String] = []

    func validate() throws {
        try Self.check(traces: traces)
    }

    /// The check of `validate()`, for the quick parser too.
    static func check(traces: [String]) throws {
        if traces.isEmpty { throw ValidationError("give at least one trace file or directory") }
    }
}

/// Where an analysis command writes, and how many threads decode.
struct OutputArguments: ParsableArguments {
    // Names and help from the one list both parsers read (AnalysisOption).
    @Option(name: AnalysisOption.output.name, help: AnalysisOption.output.help)
    var output: String?

    @Flag(name: AnalysisOption.force.name, help: AnalysisOption.force.help)
    var force = false

    @Option(name: AnalysisOption.jobs.name, help: AnalysisOption.jobs.help)
    var jobs: Int?

    func validate() throws {
        try Self.check(jobs: jobs)
    }

    /// The check of `validate()`, for the quick parser too.
    static func check(jobs: Int?) throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }
}

/// `--window A..B`: the span of the run that report, flame, tree, export and
/// html count (ends are marks or times since the start, as in `pyframe diff`).
struct WindowArguments: ParsableArguments {
    @Option(name: AnalysisOption.window.name, help: AnalysisOption.window.help)
    var window: String?

    func validate() throws {
        try Self.check(window: window)
    }

    /// The check of `validate()`, for the quick parser too.
    static func check(window: String?) throws {
        if let window, !TimeWindowParser.isWindow(window) {
            throw ValidationError("--window is START..END (marks or times such as 1.5s), not '\(window)'")
        }
    }
}

extension OutputArguments {
    /// The checked target for `-o` (or stdout) of a command reading `inputs`
    /// (the expanded trace paths): made before anything is read or written.
    func target(reading inputs: [String]) throws -> OutputTarget {
        try OutputTarget(path: output, force: force, inputs: inputs)
    }
}
