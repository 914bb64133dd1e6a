import ArgumentParser
import TraceAnalysis
import TraceRender

/// `pyframe html`: the whole analysis of a run as one offline HTML page, to
/// read in a browser or attach to a bug report.
struct HTMLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "html",
        abstract: "Write one self-contained HTML report: header, sortable function table, flame graph, marks.",
        discussion: """
            The page needs no network: data, styles and script are inline. The
            header says plainly what was lost; the function table sorts by any column
            and filters by name; the flame graph zooms on click and searches; the
            timeline shows each thread's span and the instants marked with
            pyframe.mark("label"), and below it a picker shows the table of what ran
            between any two marks. Several traces, or a directory of traces, are merged.
            Examples:
              pyframe html trace.lz4 -o report.html
              pyframe html traces/ -o report.html
              pyframe html --window start..done trace.lz4 -o window.html
            """)

    @OptionGroup var input: TraceArguments
    var traces: [String] { input.traces }

    @Option(help: "Title of the page (default: the program's command line).")
    var title: String?

    @OptionGroup var span: WindowArguments

    @OptionGroup var destination: OutputArguments
    var output: String? { destination.output }
    var jobs: Int? { destination.jobs }


    func run() throws {
        let paths = try TraceLoader.paths(traces)
        let target = try destination.target(reading: paths)
        let profiles = TraceLoader.inStartOrder(try TraceLoader.load(paths, stacks: true, jobs: jobs, window: span.window))
        let report = try ReportBuilder.build(profiles, options: ReportOptions(sort: .self, limit: nil))
        let flame = FlameBuilder.build(profiles, options: FlameOptions(weight: .time))
        let heading = title ?? profiles.first.map { "pyframe: " + DisplayFormat.commandLine($0.process.argv) } ?? "pyframe"
        try target.write(HTMLReportRenderer.render(report, flame: flame, timeline: profiles, title: heading))
        if let output { warn("wrote \(output)") }
    }
}
