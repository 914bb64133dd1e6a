/// A complete `pyframe report`: the header and one or more tables.
public struct ProfileReport: Sendable {
    /// Processes, totals and losses.
    public var header: ReportHeader
    /// One table for the whole run, or one per thread.
    public var tables: [ReportTable]
    /// The instants the program marked, by process, then time.
    public var marks: [MarkSummary] = []
}
