import FoundationEssentials

/// How a trace is analysed.
public struct AnalysisOptions: Sendable {
    /// Threads decoding chunks at once; defaults to the machine's cores.
    public var workers: Int
    /// Build call trees (needed for flame graphs, not for reports).
    public var collectStacks: Bool
    /// Keep per-function statistics (reports, diffs, exports). A flame
    /// graph needs only the call trees: without them (and with
    /// ``collectStacks``), each thread's ``ThreadProfile/functions`` holds
    /// zeros, one slot per code id up to the highest seen, and the per-event
    /// loop does 8% less (richards).
    public var collectFunctions: Bool
    /// Most distinct stacks kept per thread; rarer stacks beyond it are
    /// grouped as "other stacks" under their deepest kept caller. Below the
    /// limit results are exact whatever the number of workers.
    public var stackLimit: Int
    /// Called after each chunk with the compressed bytes it took, from any
    /// worker thread; for progress bars.
    public var progress: (@Sendable (Int) -> Void)?

    /// Options with the given values.
    public init(workers: Int = ProcessInfo.processInfo.activeProcessorCount, collectStacks: Bool = false,
                collectFunctions: Bool = true, stackLimit: Int = CallTree.defaultLimit,
                progress: (@Sendable (Int) -> Void)? = nil) {
        self.workers = max(1, workers)
        self.collectStacks = collectStacks
        self.collectFunctions = collectFunctions
        self.stackLimit = max(1, stackLimit)
        self.progress = progress
    }
}
