import ArgumentParser
import TraceAnalysis

/// `pyframe report`: the per-function table of one or more traces.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Show what each function cost: calls, total and self time, per call and max.",
        discussion: """
            calls are all/primitive (25,083/3) where they differ: a primitive call
            is not induced by recursion. total is inclusive time, a recursive
            function's outermost frames only; self excludes callees. self/call is
            self ÷ all calls and total/pcall is total ÷ primitive calls (cProfile's
            two percall columns). max is the longest single call or resume of a
            generator. Shares are of all Python time recorded. Several traces, or a directory of traces (one per process), are
            merged; --by-process keeps them apart.
            Examples:
              pyframe report trace.lz4
              pyframe report --sort total --limit 20 --match 'json|mymodule' trace.lz4
              pyframe report --threads --format csv traces/ > functions.csv
              pyframe report --window start..done trace.lz4     # between two pyframe.mark() labels
              pyframe report --callers 'json.dumps' trace.lz4   # who called it, calls and time per caller
              pyframe report --callees '^main ' trace.lz4        # what it called
            """)

    typealias Format = ReportArguments.Format

    @OptionGroup var input: TraceArguments

    // Names and help from the one list both parsers read (ReportOption).
    @Option(name: ReportOption.sort.name, help: ReportOption.sort.help)
    var sort: ReportSort = .self

    @Option(name: ReportOption.limit.name, parsing: .unconditional, help: ReportOption.limit.help)
    var limit: Int?

    @Option(name: ReportOption.match.name, help: ReportOption.match.help)
    var match: String?

    @Option(name: ReportOption.callers.name, help: ReportOption.callers.help)
    var callers: String?

    @Option(name: ReportOption.callees.name, help: ReportOption.callees.help)
    var callees: String?

    @Flag(name: ReportOption.threads.name, help: ReportOption.threads.help)
    var threads = false

    @Flag(name: ReportOption.byProcess.name, help: ReportOption.byProcess.help)
    var byProcess = false

    @Option(name: ReportOption.format.name, help: ReportOption.format.help)
    var format: Format = .table

    @OptionGroup var span: WindowArguments

    @OptionGroup var destination: OutputArguments

    func validate() throws {
        try arguments.validate()
    }

    func run() throws {
        try arguments.run()
    }

    /// The values parsed, as a plain value.
    var arguments: ReportArguments {
        ReportArguments(traces: input.traces, sort: sort, limit: limit, match: match, callers: callers, callees: callees,
                        threads: threads, byProcess: byProcess, format: format, window: span.window,
                        output: destination.output, force: destination.force, jobs: destination.jobs)
    }
}
