import ArgumentParser
import TraceAnalysis
import TraceRender

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

    enum Format: String, CaseIterable, ExpressibleByArgument { case table, json, csv }

    @OptionGroup var input: TraceArguments
    var traces: [String] { input.traces }

    @Option(help: "Order of rows: calls, total, self, self-per-call, total-per-call, max or name.")
    var sort: ReportSort = .self

    @Option(parsing: .unconditional, help: "Rows per table; 0 for all (tables show 40 by default, json and csv all).")
    var limit: Int?

    @Option(help: ArgumentHelp("Only functions whose name or path matches this regular expression.", valueName: "regex"))
    var match: String?

    @Option(help: ArgumentHelp("For each function whose name or path matches this regular expression: who called it, with calls and time per caller (pstats' print_callers).", valueName: "regex"))
    var callers: String?

    @Option(help: ArgumentHelp("For each function whose name or path matches this regular expression: what it called, with calls and time per callee (pstats' print_callees).", valueName: "regex"))
    var callees: String?

    @Flag(help: "One table per thread.")
    var threads = false

    @Flag(help: "One report per trace instead of merging them.")
    var byProcess = false

    @Option(help: "Output format: table, json or csv.")
    var format: Format = .table

    @OptionGroup var span: WindowArguments

    @OptionGroup var destination: OutputArguments
    var output: String? { destination.output }
    var jobs: Int? { destination.jobs }

    func validate() throws {
        try RowLimit.validate(limit)
        if callers != nil && callees != nil { throw ValidationError("give --callers or --callees, not both") }
        if (callers != nil || callees != nil) && format != .table { throw ValidationError("--callers and --callees print tables only") }
        if (callers != nil || callees != nil) && (threads || byProcess) {
            throw ValidationError("--callers and --callees merge threads and processes; leave out --threads and --by-process")
        }
        // A bad pattern is a usage error, found before any trace is read.
        do { try ReportOptions(match: match).validate() } catch { throw ValidationError(error.description) }
    }

    func run() throws {
        let paths = try TraceLoader.paths(traces)
        let target = try destination.target(reading: paths)
        let edges = callers.map { ($0, CallEdgesRenderer.Direction.callers) } ?? callees.map { ($0, .callees) }
        let profiles = TraceLoader.inStartOrder(try TraceLoader.load(paths, stacks: edges != nil, jobs: jobs, window: span.window))
        if let (pattern, direction) = edges {
            let header = try ReportBuilder.build(profiles, options: ReportOptions(limit: 1)).header
            do {
                try target.write(lines: ReportHeaderText.lines(header) + [""]
                                 + CallEdgesRenderer.render(profiles, pattern: pattern, direction: direction))
            } catch let error as CallEdgesRenderer.BadPattern { throw CLIError(error.description) }
            return
        }
        let rowLimit = limit.map(RowLimit.resolve) ?? (format == .table ? 40 : nil)
        let options = ReportOptions(sort: sort, limit: rowLimit, match: match, perThread: threads)
        let groups = byProcess ? profiles.map { [$0] } : [profiles]
        var reports: [ProfileReport] = []
        for group in groups {
            reports.append(try ReportBuilder.build(group, options: options))
        }
        switch format {
        case .table:
            var lines: [String] = []
            for (i, report) in reports.enumerated() {
                if i > 0 { lines += ["", String(repeating: "═", count: 60), ""] }
                lines += ReportTableRenderer.render(report)
            }
            try target.write(lines: lines)
        case .json:
            try target.write(byProcess ? ReportJSONRenderer.render(byProcess: reports) : ReportJSONRenderer.render(reports[0]))
        case .csv:
            try target.write(ReportCSVRenderer.render(reports))
        }
    }
}
