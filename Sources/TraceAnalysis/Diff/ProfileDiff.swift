/// The impact of a change: two sets of runs of one program (or two windows
/// or versions within one run) compared function by function, with the
/// overall run time on top.
public struct ProfileDiff: Sendable {
    /// What the significance tests compare.
    public enum Basis: String, Sendable {
        /// Each function's total time per run (several runs a side).
        case runs
        /// Each function's time per activation (windows or versions of one run).
        case activations
        /// Nothing: one run a side.
        case none
    }

    /// What the two sides are.
    public enum Kind: String, Sendable {
        /// Runs recorded before and after a change.
        case runs
        /// Two windows of one run (around a mark, or between marks or times).
        case windows
        /// Consecutive versions of each function patched during one run.
        case versions
    }

    /// The processes before the change.
    public var beforeHeader: ReportHeader
    /// The processes after the change.
    public var afterHeader: ReportHeader
    /// Recording length per run before, ns.
    public var beforeDuration: Sample
    /// Recording length per run after, ns.
    public var afterDuration: Sample
    /// All Python time (self time summed) per run before, ns.
    public var beforePythonTime: Sample
    /// All Python time per run after, ns.
    public var afterPythonTime: Sample
    /// Welch's test on run length; nil with fewer than two runs a side.
    public var durationSignificance: WelchTest?
    /// Functions, by absolute change of mean inclusive time, largest first.
    public var rows: [DiffRow]
    /// What the functions' tests compare.
    public var basis: Basis = .none
    /// What the two sides are.
    public var kind: Kind = .runs
    /// What each side is, when not whole runs: `before mark "patched"`, `v1` …
    public var beforeLabel = "before"
    /// What the after side is.
    public var afterLabel = "after"
    /// One-line warnings about the comparison itself (different programs).
    public var warnings: [String] = []
    /// Frame name of a function on the before side (`qualname (file:line)`)
    /// → its row, so flame graphs of both sides meet at the same frames.
    public var beforeRowByName: [String: Int] = [:]
    /// Frame name on the after side → its row.
    public var afterRowByName: [String: Int] = [:]

    /// Runs before the change.
    public var beforeRuns: Int { beforeDuration.count }
    /// Runs after the change.
    public var afterRuns: Int { afterDuration.count }

    /// Whether there are enough runs to judge the run time's significance.
    public var canJudgeSignificance: Bool { beforeRuns >= 2 && afterRuns >= 2 }

    /// Whether any function could be tested.
    public var testsFunctions: Bool { basis != .none }

    /// The name both sides' flame graphs use for a before-side frame.
    public func beforeFrameName(_ name: String) -> String {
        beforeRowByName[name].map { rows[$0].displayName } ?? name
    }

    /// The name both sides' flame graphs use for an after-side frame.
    public func afterFrameName(_ name: String) -> String {
        afterRowByName[name].map { rows[$0].displayName } ?? name
    }
}
