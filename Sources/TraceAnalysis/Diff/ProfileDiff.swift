/// The impact of a change: two sets of runs of one program (or two windows
/// or versions within one run) compared function by function, with the
/// overall run time on top.
package struct ProfileDiff: Sendable {
    /// What the significance tests compare.
    package enum Basis: String, Sendable {
        /// Each function's total time per run (several runs a side).
        case runs
        /// Each function's time per activation (windows or versions of one run).
        case activations
        /// Nothing: one run a side.
        case none
    }

    /// What the two sides are.
    package enum Kind: String, Sendable {
        /// Runs recorded before and after a change.
        case runs
        /// Two windows of one run (around a mark, or between marks or times).
        case windows
        /// Consecutive versions of each function patched during one run.
        case versions
    }

    /// The processes before the change.
    package var beforeHeader: ReportHeader
    /// The processes after the change.
    package var afterHeader: ReportHeader
    /// Recording length per run before, ns.
    package var beforeDuration: Sample
    /// Recording length per run after, ns.
    package var afterDuration: Sample
    /// All Python time (self time summed) per run before, ns.
    package var beforePythonTime: Sample
    /// All Python time per run after, ns.
    package var afterPythonTime: Sample
    /// Welch's test on run length; nil with fewer than two runs a side.
    package var durationSignificance: WelchTest?
    /// Functions, by absolute change of mean inclusive time, largest first.
    package var rows: [DiffRow]
    /// What the functions' tests compare.
    package var basis: Basis = .none
    /// What the two sides are.
    package var kind: Kind = .runs
    /// What each side is, when not whole runs: `before mark "patched"`, `v1` …
    package var beforeLabel = "before"
    /// What the after side is.
    package var afterLabel = "after"
    /// One-line warnings about the comparison itself (different programs).
    package var warnings: [String] = []
    /// Frame name of a function on the before side (`qualname (file:line)`)
    /// → its row, so flame graphs of both sides meet at the same frames.
    package var beforeRowByName: [String: Int] = [:]
    /// Frame name on the after side → its row.
    package var afterRowByName: [String: Int] = [:]

    /// Runs before the change.
    package var beforeRuns: Int { beforeDuration.count }
    /// Runs after the change.
    package var afterRuns: Int { afterDuration.count }

    /// Whether there are enough runs to judge the run time's significance.
    package var canJudgeSignificance: Bool { beforeRuns >= 2 && afterRuns >= 2 }

    /// Whether any function could be tested.
    package var testsFunctions: Bool { basis != .none }

    /// The name both sides' flame graphs use for a before-side frame.
    package func beforeFrameName(_ name: String) -> String {
        beforeRowByName[name].map { rows[$0].displayName } ?? name
    }

    /// The name both sides' flame graphs use for an after-side frame.
    package func afterFrameName(_ name: String) -> String {
        afterRowByName[name].map { rows[$0].displayName } ?? name
    }
}
