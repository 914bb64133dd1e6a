/// One thread's tables inside one worker (or the stitcher): per-function
/// statistics and, when stacks are collected, the call tree.
///
/// Each worker has its own, so workers never share memory while aggregating;
/// the tables are summed once at the end.
final class ThreadAccumulator: @unchecked Sendable {
    let stats = StatsTable()
    let tree: CallTree?

    /// Tables with a call tree of at most `stackLimit` stacks, or none when nil.
    init(stackLimit: Int?) {
        tree = stackLimit.map { CallTree(limit: $0) }
    }

    /// Adds `other` (the same thread, another worker) into this one.
    func merge(_ other: ThreadAccumulator) {
        stats.merge(other.stats)
        if let tree, let theirs = other.tree { tree.merge(theirs) }
    }
}
