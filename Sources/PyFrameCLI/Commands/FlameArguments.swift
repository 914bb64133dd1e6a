import ArgumentParser
import TraceAnalysis
import TraceRender

/// What `pyframe flame`'s command line asked for, however it was parsed
/// (``QuickAnalysisParser`` or ``FlameCommand``), and the run itself.
struct FlameArguments: Equatable {
    enum Format: String, CaseIterable, ExpressibleByArgument { case terminal, folded, svg, html }

    var traces: [String] = []
    var format: Format = .terminal
    var weight: FlameWeight = .time
    var limit = 20
    var threads = false
    var title: String?
    var window: String?
    var output: String?
    var force = false
    var jobs: Int?

    /// The plain values.
    init(traces: [String], format: Format, weight: FlameWeight, limit: Int, threads: Bool, title: String?,
         window: String?, output: String?, force: Bool, jobs: Int?) {
        (self.traces, self.format, self.weight, self.limit, self.threads, self.title) =
            (traces, format, weight, limit, threads, title)
        (self.window, self.output, self.force, self.jobs) = (window, output, force, jobs)
    }

    /// What the quick parser read, or nil when the full parser must read the
    /// line: a value that is not one (the command's own conversions, as
    /// swift-argument-parser applies them) or a line the command's checks refuse.
    init?(_ line: QuickAnalysisParser<FlameOption>) {
        traces = line.traces
        threads = line.has(.threads)
        title = line.value(.title)
        window = line.value(.window)
        do {
            format = try line.converted(.format) ?? format
            weight = try line.converted(.weight) ?? weight
            limit = try line.converted(.limit) ?? limit
            (output, force, jobs) = try line.destination()
            try TraceArguments.check(traces: traces)
            try RowLimit.validate(limit)
            try WindowArguments.check(window: window)
        } catch {
            return nil
        }
    }

    func run() throws {
        let paths = try TraceLoader.paths(traces)
        let target = try OutputTarget(path: output, force: force, inputs: paths)
        // The graph is drawn from the call trees alone.
        let profiles = TraceLoader.inStartOrder(try TraceLoader.load(paths, stacks: true, functions: false, jobs: jobs,
                                                                     window: window))
        let graph = FlameBuilder.build(profiles, options: FlameOptions(weight: weight, perThread: threads))
        let heading = title ?? profiles.first.map { "pyframe: " + DisplayFormat.commandLine($0.process.argv) } ?? "pyframe"
        switch format {
        case .terminal:
            try target.write(lines: HotStacksRenderer.render(graph, limit: RowLimit.resolve(limit) ?? Int.max, title: heading))
        case .folded:
            try target.stream(bytes: { sink in FoldedStacksRenderer.write(graph, to: sink) })
        case .svg:
            try target.write(FlameSVGRenderer.render(graph, title: heading))
        case .html:
            try target.write(FlameHTMLRenderer.render(graph, title: heading))
        }
        TraceLoader.warnLosses(profiles)
        if let output, format != .terminal { warn("wrote \(output)") }
    }
}
