import FoundationEssentials
import TraceAnalysis
import TraceRender
import TraceFormat

/// Turns the trace arguments of `report`, `flame` and `diff` into analysed
/// profiles, with one progress bar over all of them, and every failure as
/// one clear line (``PyFrameCommand/report(_:arguments:)``).
enum TraceLoader {
    /// Expands `arguments` (files and directories) into trace paths.
    static func paths(_ arguments: [String]) throws -> [String] {
        guard !arguments.isEmpty else { throw CLIError("no trace given") }
        return try TracePaths.expand(arguments)
    }

    /// Analyses each trace in turn, each on all cores.
    /// With `window` (`A..B`), each profile's tables cover that window only,
    /// its ends looked up among that trace's own marks.
    static func load(_ paths: [String], stacks: Bool, jobs: Int?, window: String? = nil) throws -> [TraceProfile] {
        let sizes = paths.map { (try? FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int) ?? 0 }
        let bar = ProgressBar(totalBytes: sizes.reduce(0, +))
        defer { bar.finish() }
        var options = AnalysisOptions(collectStacks: stacks, progress: { bar.advance($0) })
        if let jobs { options.workers = max(1, jobs) }
        var profiles: [TraceProfile] = []
        for path in paths {
            profiles.append(try TraceAnalyzer.analyze(path: path, options: options))
        }
        guard let window else { return profiles }
        bar.finish()
        return try profiles.map { profile in
            let parsed = try TimeWindowParser.window(window, marks: profile.marks)
            do {
                return try profile.cut(to: parsed, stacks: stacks)
            } catch {
                throw CLIError("\(error)")
            }
        }
    }

    /// `profiles` in the order their processes started (a directory's parent
    /// before its children, whatever the file names), so that merged
    /// headers, titles and timelines start with the program that was run.
    static func inStartOrder(_ profiles: [TraceProfile]) -> [TraceProfile] {
        let offsets = SharedTimeline.offsets(profiles)
        return zip(profiles, offsets).enumerated().sorted { a, b in
            (a.element.1, a.offset) < (b.element.1, b.offset)
        }.map(\.element.0)
    }

    /// Warns on stderr about every loss in `profiles` (for outputs that have
    /// no header of their own, such as folded stacks).
    static func warnLosses(_ profiles: [TraceProfile]) {
        for p in profiles {
            let prefix = profiles.count > 1 ? "\(p.path): " : ""
            if p.droppedEvents > 0 { warn(prefix + "\(p.droppedEvents) events were lost while recording") }
            if let pauses = p.pauseSentence { warn(prefix + pauses) }
            if let window = p.window { warn(prefix + window.sentence) }
            for problem in p.problems { warn(prefix + ProblemText.sentence(problem)) }
        }
    }
}
