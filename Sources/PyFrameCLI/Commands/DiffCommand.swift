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

    enum Format: String, CaseIterable, ExpressibleByArgument {
        case table, json, foldedDiff = "folded-diff", svg, html
    }

    @Argument(help: ArgumentHelp("BEFORE and AFTER: two trace files or two directories of runs; or one trace with --versions, --split-at or the windows.", valueName: "trace"))
    var sides: [String] = []

    @Flag(help: "Compare the versions of every function patched during one run (v1 against v2 …), per activation.")
    var versions = false

    @Option(help: ArgumentHelp("Compare what ran before the first mark with this label with what ran after it.", valueName: "mark"))
    var splitAt: String?

    @Option(help: ArgumentHelp("The part of one trace before the change: START..END, marks or times (1.5s, 200ms); an empty end is the trace's.", valueName: "A..B"))
    var beforeWindow: String?

    @Option(help: ArgumentHelp("The part of one trace after the change: START..END.", valueName: "C..D"))
    var afterWindow: String?

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

    /// True when one trace is compared with itself (versions or windows).
    var withinOneTrace: Bool { versions || splitAt != nil || beforeWindow != nil || afterWindow != nil }

    func validate() throws {
        try RowLimit.validate(limit)
        if withinOneTrace {
            if [versions, splitAt != nil, beforeWindow != nil || afterWindow != nil].filter({ $0 }).count > 1 {
                throw ValidationError("give one of --versions, --split-at, or --before-window/--after-window")
            }
            if (beforeWindow == nil) != (afterWindow == nil) {
                throw ValidationError("give both --before-window and --after-window")
            }
            for w in [beforeWindow, afterWindow].compactMap({ $0 }) where !TimeWindowParser.isWindow(w) {
                throw ValidationError("a window is START..END (marks or times such as 1.5s), not '\(w)'")
            }
            if sides.count != 1 || !before.isEmpty || !after.isEmpty {
                throw ValidationError("--versions, --split-at and the windows read exactly one trace")
            }
            if format == .foldedDiff || format == .svg {
                throw ValidationError("--format \(format.rawValue) compares whole runs; within one trace use table, json or html")
            }
            return
        }
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
        if withinOneTrace { return try runWithinOneTrace() }
        let beforeArgs = before.isEmpty ? [sides[0]] : before
        let afterArgs = after.isEmpty ? [sides[1]] : after
        let beforePaths = try TraceLoader.paths(beforeArgs)
        let afterPaths = try TraceLoader.paths(afterArgs)
        let stacks = format == .foldedDiff || format == .svg || format == .html
        let target = try destination.target(reading: beforePaths + afterPaths)
        let profiles = try TraceLoader.load(beforePaths + afterPaths, stacks: stacks, jobs: jobs)
        let beforeProfiles = Array(profiles[..<beforePaths.count])
        let afterProfiles = Array(profiles[beforePaths.count...])
        let diff = DiffBuilder.build(before: beforeProfiles, after: afterProfiles)
        for warning in diff.warnings { warn(warning) }
        if Set(beforePaths.map(realPath)) == Set(afterPaths.map(realPath)) {
            warn("BEFORE and AFTER are the same trace; to compare parts of one run use --versions or --split-at MARK")
        }
        switch format {
        case .table, .json:
            try write(diff, to: target)
        case .foldedDiff, .svg, .html:
            let options = FlameOptions(weight: .time, perThread: false, versionMarks: false)
            let b = FlameBuilder.build(beforeProfiles, options: options).divided(by: UInt64(beforeProfiles.count))
            let a = FlameBuilder.build(afterProfiles, options: options).divided(by: UInt64(afterProfiles.count))
            // Frames named as the diff's rows: a moved function is one frame.
            let graph = DiffFlameGraph(before: b, after: a, beforeName: diff.beforeFrameName, afterName: diff.afterFrameName)
            let heading = afterProfiles.first.map { "pyframe diff: " + DisplayFormat.commandLine($0.process.argv) } ?? "pyframe diff"
            if format == .html {
                try target.write(HTMLDiffRenderer.render(diff, graph: graph, title: heading))
            } else if format == .svg {
                try target.write(DiffSVGRenderer.render(graph, title: heading, flags: DiffFrameFlags.of(diff)))
            } else {
                try target.stream(bytes: { sink in DiffFoldedRenderer.write(graph, to: sink) })
            }
            TraceLoader.warnLosses(profiles)
        }
        if let output { warn("wrote \(output)") }
    }

    /// `--versions`, `--split-at` and the windows: two parts of one trace.
    private func runWithinOneTrace() throws {
        let paths = try TraceLoader.paths(sides)
        guard paths.count == 1 else { throw CLIError("\(sides[0]) holds \(paths.count) traces; give one trace file") }
        let target = try destination.target(reading: paths)
        let profile = try TraceLoader.load(paths, stacks: false, jobs: jobs)[0]
        let diff: ProfileDiff
        if versions {
            diff = VersionDiffBuilder.build(profile: profile, stats: try measure(paths[0], [.all]))
        } else {
            let (b, a) = try splitAt.map { try TimeWindowParser.split(at: $0, marks: profile.marks) }
                ?? (try TimeWindowParser.window(beforeWindow!, marks: profile.marks),
                    try TimeWindowParser.window(afterWindow!, marks: profile.marks))
            let stats = try measure(paths[0], [b.window, a.window])
            diff = WindowDiffBuilder.build(profile: profile, stats: stats, beforeLabel: b.label, afterLabel: a.label)
        }
        if format == .html {
            let empty = FlameGraph(weight: .time)
            let title = "pyframe diff" + (versions ? " --versions: " : ": ") + DisplayFormat.commandLine(profile.process.argv)
            try target.write(HTMLDiffRenderer.render(diff, graph: DiffFlameGraph(before: empty, after: empty), title: title))
        } else {
            try write(diff, to: target)
        }
        TraceLoader.warnLosses([profile])
        if let output { warn("wrote \(output)") }
    }

    private func realPath(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
    }

    private func measure(_ path: String, _ windows: [TimeWindow]) throws -> WindowedStats {
        try WindowProfiler.profile(path: path, windows: windows)
    }

    /// The table or JSON of `diff`.
    private func write(_ diff: ProfileDiff, to target: OutputTarget) throws {
        if format == .json {
            try target.write(DiffJSONRenderer.render(diff, showBytecode: showBytecode, width: Terminal.columns()))
        } else {
            try target.write(lines: DiffTableRenderer.render(diff, limit: RowLimit.resolve(limit),
                                                             showBytecode: showBytecode, width: Terminal.columns()))
        }
    }
}
