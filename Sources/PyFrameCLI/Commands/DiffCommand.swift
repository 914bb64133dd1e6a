import ArgumentParser
import FoundationEssentials
import TraceAnalysis
import TraceRender

/// `pyframe diff`: what a change did to a program's run time, function by function.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare runs before and after a change, function by function.",
        discussion: """
            Functions are paired by file and qualified name, wherever their lines went
            (among namesakes of one file: by code, order and nearest line, flagged
            guess); code from a notebook cell or another file pairs with the only
            function of its name. Functions whose code changed are flagged patched,
            those that only changed place moved. With several runs per side (several
            files, or two directories of traces) values are means ± standard
            deviation and each function gets Welch's t-test, corrected for the number
            of functions by Benjamini-Hochberg (changed when q < 0.05); one run per
            side cannot be judged. Within one trace, --versions compares the versions
            of functions patched during the run, and --split-at or the windows compare
            two parts of it, testing single activations.
            Examples:
              pyframe diff before.lz4 after.lz4
              pyframe diff trace.lz4 --versions
              pyframe diff trace.lz4 --split-at patched
              pyframe diff trace.lz4 --before-window ..patched --after-window patched..
              pyframe diff trace.lz4 --before-window 0s..2s --after-window 5s..7s
              pyframe diff --before b1.lz4 b2.lz4 b3.lz4 --after a1.lz4 a2.lz4 a3.lz4
              pyframe diff runs-before/ runs-after/ --format json
              pyframe diff --show-bytecode before.lz4 after.lz4
              pyframe diff --format folded-diff before.lz4 after.lz4 > diff.folded
              pyframe diff --format html -o diff.html before.lz4 after.lz4
            """)

    typealias Format = DiffArguments.Format

    @Argument(help: ArgumentHelp("BEFORE and AFTER: two trace files or two directories of runs; or one trace with --versions, --split-at or the windows.", valueName: "trace"))
    var sides: [String] = []

    // Names and help from the one list both parsers read (DiffOption).
    @Flag(name: DiffOption.versions.name, help: DiffOption.versions.help)
    var versions = false

    @Option(name: DiffOption.splitAt.name, help: DiffOption.splitAt.help)
    var splitAt: String?

    @Option(name: DiffOption.beforeWindow.name, help: DiffOption.beforeWindow.help)
    var beforeWindow: String?

    @Option(name: DiffOption.afterWindow.name, help: DiffOption.afterWindow.help)
    var afterWindow: String?

    @Option(name: DiffOption.before.name, parsing: .upToNextOption, help: DiffOption.before.help)
    var before: [String] = []

    @Option(name: DiffOption.after.name, parsing: .upToNextOption, help: DiffOption.after.help)
    var after: [String] = []

    @Option(name: DiffOption.format.name, help: DiffOption.format.help)
    var format: Format = .table

    @Flag(name: DiffOption.showBytecode.name, help: DiffOption.showBytecode.help)
    var showBytecode = false

    @Option(name: DiffOption.limit.name, parsing: .unconditional, help: DiffOption.limit.help)
    var limit = 40

    @OptionGroup var destination: OutputArguments

    func validate() throws {
        try arguments.validate()
    }

    func run() throws {
        try arguments.run()
    }

    /// The values parsed, as a plain value.
    var arguments: DiffArguments {
        DiffArguments(sides: sides, versions: versions, splitAt: splitAt, beforeWindow: beforeWindow,
                      afterWindow: afterWindow, before: before, after: after, format: format,
                      showBytecode: showBytecode, limit: limit, output: destination.output,
                      force: destination.force, jobs: destination.jobs)
    }
}
