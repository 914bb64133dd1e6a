import ArgumentParser
import TraceAnalysis
import TraceRender

/// What `pyframe report`'s command line asked for, however it was parsed
/// (``QuickAnalysisParser`` or ``ReportCommand``), its checks and the run itself.
struct ReportArguments: Equatable {
    enum Format: String, CaseIterable, ExpressibleByArgument { case table, json, csv }

    var traces: [String] = []
    var sort: ReportSort = .self
    /// nil when not given: tables then show 40 rows, json and csv all.
    var limit: Int?
    var match: String?
    var callers: String?
    var callees: String?
    var threads = false
    var byProcess = false
    var format: Format = .table
    var window: String?
    var output: String?
    var force = false
    var jobs: Int?

    /// The plain values.
    init(traces: [String], sort: ReportSort, limit: Int?, match: String?, callers: String?, callees: String?,
         threads: Bool, byProcess: Bool, format: Format, window: String?, output: String?, force: Bool, jobs: Int?) {
        (self.traces, self.sort, self.limit, self.match, self.callers, self.callees) =
            (traces, sort, limit, match, callers, callees)
        (self.threads, self.byProcess, self.format, self.window) = (threads, byProcess, format, window)
        (self.output, self.force, self.jobs) = (output, force, jobs)
    }

    /// What the quick parser read, or nil when the full parser must read the
    /// line: a value that is not one (converted as swift-argument-parser
    /// converts it) or a line the command's checks refuse.
    init?(_ line: QuickAnalysisParser<ReportOption>) {
        traces = line.traces
        match = line.value(.match)
        callers = line.value(.callers)
        callees = line.value(.callees)
        threads = line.has(.threads)
        byProcess = line.has(.byProcess)
        window = line.value(.window)
        do {
            sort = try line.converted(.sort) ?? sort
            limit = try line.converted(.limit)
            format = try line.converted(.format) ?? format
            (output, force, jobs) = try line.destination()
            try TraceArguments.check(traces: traces)
            try WindowArguments.check(window: window)
            try validate()
        } catch {
            return nil
        }
    }

    /// The checks of report's own options (``ReportCommand``'s `validate()`).
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
        let target = try OutputTarget(path: output, force: force, inputs: paths)
        let edges = callers.map { ($0, CallEdgesRenderer.Direction.callers) } ?? callees.map { ($0, .callees) }
        let profiles = TraceLoader.inStartOrder(try TraceLoader.load(paths, stacks: edges != nil, jobs: jobs, window: window))
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
