import ArgumentParser
import TraceAnalysis
import TraceRender

/// `pyframe flame`: flame graphs of one or more traces.
struct FlameCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flame",
        abstract: "Show where time goes by call stack: hottest stacks, folded stacks, SVG or HTML flame graphs.",
        discussion: """
            Without --format, prints the hottest stacks with their share. folded is
            Brendan Gregg's format (`a;b;c value`) for flamegraph.pl, inferno and
            speedscope; svg and html are drawn by pyframe itself (html: click to
            zoom, search box, works offline). Values are self time in ns, or calls
            with --weight calls.
            Examples:
              pyframe flame trace.lz4
              pyframe flame --format svg -o flame.svg trace.lz4
              pyframe flame --format folded trace.lz4 | flamegraph.pl > flame.svg
              pyframe flame --window 1.5s..3s trace.lz4
            """)

    enum Format: String, CaseIterable, ExpressibleByArgument { case terminal, folded, svg, html }

    @OptionGroup var input: TraceArguments
    var traces: [String] { input.traces }

    @Option(help: "Output: terminal (hottest stacks), folded, svg or html.")
    var format: Format = .terminal

    @Option(help: "What a frame's width measures: time (self time in ns) or calls.")
    var weight: FlameWeight = .time

    @Option(parsing: .unconditional, help: "Stacks shown in terminal output; 0 for all.")
    var limit = 20

    @Flag(help: "Put each thread under its own root frame.")
    var threads = false

    @Option(help: "Title of the SVG or HTML graph (default: the program's command line).")
    var title: String?

    @OptionGroup var span: WindowArguments

    @OptionGroup var destination: OutputArguments
    var output: String? { destination.output }
    var jobs: Int? { destination.jobs }

    func validate() throws {
        try RowLimit.validate(limit)
    }

    func run() throws {
        let paths = try TraceLoader.paths(traces)
        let target = try destination.target(reading: paths)
        // The graph is drawn from the call trees alone.
        let profiles = TraceLoader.inStartOrder(try TraceLoader.load(paths, stacks: true, functions: false, jobs: jobs,
                                                                     window: span.window))
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
