import ArgumentParser
import TraceAnalysis
import TraceRender

/// `pyframe diff`: what a change did to a program's run time, function by function.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare runs before and after a change, function by function.",
        discussion: """
            Functions are matched by file, qualified name and first line; those whose
            bytecode changed are flagged patched. With several runs per side (several
            files, or two directories of traces) values are means ± standard
            deviation and each change gets Welch's t-test (significant when
            p < 0.05); one run per side cannot be judged.
            Examples:
              pyframe diff before.lz4 after.lz4
              pyframe diff --before b1.lz4 b2.lz4 b3.lz4 --after a1.lz4 a2.lz4 a3.lz4
              pyframe diff runs-before/ runs-after/ --format json
              pyframe diff --show-bytecode before.lz4 after.lz4
              pyframe diff --format folded-diff before.lz4 after.lz4 > diff.folded
              pyframe diff --format html -o diff.html before.lz4 after.lz4
            """)

    enum Format: String, CaseIterable, ExpressibleByArgument {
        case table, json, foldedDiff = "folded-diff", svg, html
    }

    @Argument(help: ArgumentHelp("BEFORE and AFTER: two trace files or two directories of runs.", valueName: "trace"))
    var sides: [String] = []

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Runs before the change.", valueName: "trace"))
    var before: [String] = []

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Runs after the change.", valueName: "trace"))
    var after: [String] = []

    @Option(help: "Output: table, json, folded-diff, svg or html.")
    var format: Format = .table

    @Flag(help: "Print the bytecode of each patched function before and after, side by side.")
    var showBytecode = false

    @Option(parsing: .unconditional, help: "Rows in the table; 0 for all.")
    var limit = 40

    @OptionGroup var destination: OutputArguments
    var output: String? { destination.output }
    var jobs: Int? { destination.jobs }

    func validate() throws {
        try RowLimit.validate(limit)
        if before.isEmpty != after.isEmpty {
            throw ValidationError("give both --before and --after")
        }
        if before.isEmpty && sides.count != 2 {
            throw ValidationError("give BEFORE and AFTER (two traces or two directories), or --before … --after …")
        }
        if !before.isEmpty && !sides.isEmpty {
            throw ValidationError("give either BEFORE AFTER or --before/--after, not both")
        }
    }

    func run() throws {
        let beforeArgs = before.isEmpty ? [sides[0]] : before
        let afterArgs = after.isEmpty ? [sides[1]] : after
        let beforePaths = try TraceLoader.paths(beforeArgs)
        let afterPaths = try TraceLoader.paths(afterArgs)
        let stacks = format == .foldedDiff || format == .svg || format == .html
        let target = try destination.target(reading: beforePaths + afterPaths)
        let profiles = try TraceLoader.load(beforePaths + afterPaths, stacks: stacks, jobs: jobs)
        let beforeProfiles = Array(profiles[..<beforePaths.count])
        let afterProfiles = Array(profiles[beforePaths.count...])
        switch format {
        case .table, .json:
            let diff = DiffBuilder.build(before: beforeProfiles, after: afterProfiles)
            if format == .json {
                try target.write(DiffJSONRenderer.render(diff, showBytecode: showBytecode, width: Terminal.columns()))
            } else {
                try target.write(lines: DiffTableRenderer.render(diff, limit: RowLimit.resolve(limit),
                                                                 showBytecode: showBytecode, width: Terminal.columns()))
            }
        case .foldedDiff, .svg, .html:
            let options = FlameOptions(weight: .time, perThread: false, versionMarks: false)
            let b = FlameBuilder.build(beforeProfiles, options: options).divided(by: UInt64(beforeProfiles.count))
            let a = FlameBuilder.build(afterProfiles, options: options).divided(by: UInt64(afterProfiles.count))
            let graph = DiffFlameGraph(before: b, after: a)
            let heading = afterProfiles.first.map { "pyframe diff: " + DisplayFormat.commandLine($0.process.argv) } ?? "pyframe diff"
            if format == .html {
                let diff = DiffBuilder.build(before: beforeProfiles, after: afterProfiles)
                try target.write(HTMLDiffRenderer.render(diff, graph: graph, title: heading))
            } else if format == .svg {
                try target.write(DiffSVGRenderer.render(graph, title: heading))
            } else {
                try target.stream { emit in DiffFoldedRenderer.write(graph, to: emit) }
            }
            TraceLoader.warnLosses(profiles)
        }
        if let output { warn("wrote \(output)") }
    }
}
