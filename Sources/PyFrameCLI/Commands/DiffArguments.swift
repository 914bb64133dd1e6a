import ArgumentParser
import FoundationEssentials
import TraceAnalysis
import TraceRender

/// What `pyframe diff`'s command line asked for, however it was parsed
/// (``QuickAnalysisParser`` or ``DiffCommand``), its checks and the run itself.
struct DiffArguments: Equatable {
    enum Format: String, CaseIterable, ExpressibleByArgument {
        case table, json, foldedDiff = "folded-diff", svg, html
    }

    var sides: [String] = []
    var versions = false
    var splitAt: String?
    var beforeWindow: String?
    var afterWindow: String?
    var before: [String] = []
    var after: [String] = []
    var format: Format = .table
    var showBytecode = false
    var limit = 40
    var output: String?
    var force = false
    var jobs: Int?

    /// The plain values.
    init(sides: [String], versions: Bool, splitAt: String?, beforeWindow: String?, afterWindow: String?,
         before: [String], after: [String], format: Format, showBytecode: Bool, limit: Int,
         output: String?, force: Bool, jobs: Int?) {
        (self.sides, self.versions, self.splitAt, self.beforeWindow, self.afterWindow) =
            (sides, versions, splitAt, beforeWindow, afterWindow)
        (self.before, self.after, self.format, self.showBytecode, self.limit) = (before, after, format, showBytecode, limit)
        (self.output, self.force, self.jobs) = (output, force, jobs)
    }

    /// What the quick parser read, or nil when the full parser must read the
    /// line: a value that is not one (converted as swift-argument-parser
    /// converts it), an option diff does not take, or a line its checks refuse.
    init?(_ line: QuickAnalysisParser<DiffOption>) {
        guard !line.has(.window) else { return nil }
        sides = line.traces
        versions = line.has(.versions)
        splitAt = line.value(.splitAt)
        beforeWindow = line.value(.beforeWindow)
        afterWindow = line.value(.afterWindow)
        showBytecode = line.has(.showBytecode)
        do {
            format = try line.converted(.format) ?? format
            limit = try line.converted(.limit) ?? limit
            (output, force, jobs) = try line.destination()
            try validate()
        } catch {
            return nil
        }
    }

    /// True when one trace is compared with itself (versions or windows).
    var withinOneTrace: Bool { versions || splitAt != nil || beforeWindow != nil || afterWindow != nil }

    /// The checks of the command line as a whole.
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
        let target = try OutputTarget(path: output, force: force, inputs: beforePaths + afterPaths)
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
        let target = try OutputTarget(path: output, force: force, inputs: paths)
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
