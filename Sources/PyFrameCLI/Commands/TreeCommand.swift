import ArgumentParser
import TraceAnalysis
import TraceRender

/// `pyframe tree`: the call tree in the terminal, as pyinstrument prints it.
struct TreeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tree",
        abstract: "Print the call tree: inclusive time, share and calls per frame, library frames folded.",
        discussion: """
            Each line is one frame under its caller, longest first: inclusive time,
            share of all Python time, name, file:line and calls. Runs of standard
            library and site-packages frames fold into one line each (the code they
            call back is still shown); --hide GLOB folds files matching GLOB instead
            (repeatable, * also matches /), --show-all folds nothing. Callees below
            --min-share of the whole are summed into one line. Threads are merged;
            --threads gives each its own subtree.
            Examples:
              pyframe tree trace.lz4
              pyframe tree --min-share 2% --threads trace.lz4
              pyframe tree --hide '*/numpy/*' --window start..done trace.lz4
            """)

    @OptionGroup var input: TraceArguments
    var traces: [String] { input.traces }

    @Option(help: ArgumentHelp("Sum callees below this share of all time into one line (0.5%, 2%, 0).", valueName: "share"))
    var minShare = "0.5%"

    @Option(help: ArgumentHelp("Fold runs of frames from files matching this glob into one line (repeatable; replaces the default folding of the standard library and site-packages).", valueName: "glob"))
    var hide: [String] = []

    @Flag(help: "Fold no library frames.")
    var showAll = false

    @Flag(help: "One subtree per thread.")
    var threads = false

    @OptionGroup var span: WindowArguments

    @OptionGroup var destination: OutputArguments
    var output: String? { destination.output }
    var jobs: Int? { destination.jobs }

    func validate() throws {
        if share == nil { throw ValidationError("--min-share is a share such as 0.5% or 0.005, not '\(minShare)'") }
        if showAll && !hide.isEmpty { throw ValidationError("--show-all and --hide contradict each other") }
    }

    /// `--min-share` as a fraction: `0.5%` or `0.005`.
    var share: Double? {
        let percent = minShare.hasSuffix("%")
        guard let value = Double(percent ? String(minShare.dropLast()) : minShare), value >= 0, value.isFinite else { return nil }
        let fraction = percent ? value / 100 : value
        return fraction <= 1 ? fraction : nil
    }

    func run() throws {
        let paths = try TraceLoader.paths(traces)
        let target = try destination.target(reading: paths)
        let profiles = TraceLoader.inStartOrder(try TraceLoader.load(paths, stacks: true, jobs: jobs, window: span.window))
        let folding = showAll ? LibraryFolding.none : hide.isEmpty ? .standard : .globs(hide)
        let view = CallTreeView(profiles, folding: folding, minShare: share ?? 0.005, perThread: threads)
        try target.write(lines: TreeTextRenderer.render(view))
    }
}
