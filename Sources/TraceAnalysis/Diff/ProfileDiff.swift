/// The impact of a change: two sets of runs of one program compared function
/// by function, with the overall run time on top.
public struct ProfileDiff: Sendable {
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

    /// Runs before the change.
    public var beforeRuns: Int { beforeDuration.count }
    /// Runs after the change.
    public var afterRuns: Int { afterDuration.count }

    /// Whether there are enough runs to judge significance.
    public var canJudgeSignificance: Bool { beforeRuns >= 2 && afterRuns >= 2 }
}
