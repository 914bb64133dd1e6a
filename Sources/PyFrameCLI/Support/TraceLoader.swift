import Dispatch
import FoundationEssentials
import Synchronization
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

    /// Analyses the traces (see ``analyze(_:options:)``); with `functions`
    /// false, for call trees only (``AnalysisOptions/collectFunctions``).
    /// With `window` (`A..B`), each profile's tables cover that window only,
    /// its ends looked up among that trace's own marks.
    static func load(_ paths: [String], stacks: Bool, functions: Bool = true, jobs: Int?,
                     window: String? = nil) throws -> [TraceProfile] {
        let sizes = paths.map { (try? FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int) ?? 0 }
        let bar = ProgressBar(totalBytes: sizes.reduce(0, +))
        defer { bar.finish() }
        var options = AnalysisOptions(collectStacks: stacks, collectFunctions: functions, progress: { bar.advance($0) })
        if let jobs { options.workers = max(1, jobs) }
        let profiles = try analyze(paths, options: options)
        keptUntilExit.withLock { $0.append(profiles) }
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

    /// The profiles every load made, never freed: a command exits once its
    /// output is written, and freeing a trace's thousands of code records
    /// string by string was 2.5% of `pyframe flame` on richards (twice that
    /// for `diff`'s two traces), all of it after the output. They live as
    /// long as the command needs them anyway.
    private static let keptUntilExit = Mutex<[[TraceProfile]]>([])

    /// Analyses `paths` with `options.workers` threads in all: one trace on
    /// all of them, several traces side by side (up to one per worker), each
    /// on its share. One after the other, each trace's serial parts (locating
    /// its chunks, reading its code records, summing the workers' tables)
    /// left the other cores idle; side by side, `diff`'s two traces keep
    /// both cores busy from the start. Failures are thrown in path order.
    private static func analyze(_ paths: [String], options: AnalysisOptions) throws -> [TraceProfile] {
        let lanes = min(paths.count, options.workers)
        guard lanes > 1 else { return try paths.map { try TraceAnalyzer.analyze(path: $0, options: options) } }
        var share = options
        share.workers = max(1, options.workers / lanes)
        let each = share
        let results = ParallelResults(count: paths.count)
        DispatchQueue.concurrentPerform(iterations: lanes) { _ in
            while let i = results.take() {
                let result = Result { () throws(TraceError) in try TraceAnalyzer.analyze(path: paths[i], options: each) }
                results.store(result, at: i)
            }
        }
        return try results.all().map { try $0.get() }
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

/// The traces' results as lanes finish them, and the next trace to take.
private final class ParallelResults: Sendable {
    private let slots: Mutex<[Result<TraceProfile, TraceError>?]>
    private let next = Atomic<Int>(0)
    private let count: Int

    init(count: Int) {
        self.count = count
        slots = Mutex([Result<TraceProfile, TraceError>?](repeating: nil, count: count))
    }

    /// The index of a trace no lane has taken yet, if any.
    func take() -> Int? {
        let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
        return i < count ? i : nil
    }

    func store(_ result: Result<TraceProfile, TraceError>, at i: Int) {
        slots.withLock { $0[i] = result }
    }

    /// Every result, in path order (once every lane has finished).
    func all() -> [Result<TraceProfile, TraceError>] {
        slots.withLock { $0.map { $0! } }
    }
}
