import ArgumentParser
import TraceAnalysis

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

    typealias Format = FlameArguments.Format

    @OptionGroup var input: TraceArguments

    // Names and help from the one list both parsers read (FlameOption).
    @Option(name: FlameOption.format.name, help: FlameOption.format.help)
    var format: Format = .terminal

    @Option(name: FlameOption.weight.name, help: FlameOption.weight.help)
    var weight: FlameWeight = .time

    @Option(name: FlameOption.limit.name, parsing: .unconditional, help: FlameOption.limit.help)
    var limit = 20

    @Flag(name: FlameOption.threads.name, help: FlameOption.threads.help)
    var threads = false

    @Option(name: FlameOption.title.name, help: FlameOption.title.help)
    var title: String?

    @OptionGroup var span: WindowArguments

    @OptionGroup var destination: OutputArguments

    func validate() throws {
        try RowLimit.validate(limit)
    }

    func run() throws {
        try arguments.run()
    }

    /// The values parsed, as a plain value.
    var arguments: FlameArguments {
        FlameArguments(traces: input.traces, format: format, weight: weight, limit: limit, threads: threads,
                       title: title, window: span.window, output: destination.output, force: destination.force,
                       jobs: destination.jobs)
    }
}
